"""A full solution whose grad_f, when the examiner calls it on a tensor (the hidden part of
test_grad_f), ends its own kernel with os._exit in the middle of the bridge's session. What
must happen: test_f keeps its point; test_grad_f and every later cell score 0 with the reason
(the kernel died); the notebook is graded within its limits, and the students graded with it
keep their scores."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% grad_f
import os


def grad_f(x):
    if isinstance(x, torch.Tensor):
        os._exit(1)
    return 2 * (x - 0.5)
