"""A full solution that, in its grad_f cell, replaces course.bridge.serve_session in its own
kernel with one that returns at once without connecting (a reply that looks like serve's
end: "ended"). Every request of the examiner after that finds no connection and the serving
request answered. What must happen: test_f keeps its point, every later test fails at once
with a reason (no test waits for a connection that never comes), and the students graded
with it keep their scores."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% grad_f +
import course.bridge

course.bridge.serve_session = lambda address: course.bridge._Reply('"ended"')
