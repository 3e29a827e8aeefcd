"""grad_f stops its own kernel (SIGSTOP) when the examiner calls it on a tensor (the hidden
part of test_grad_f). A stopped kernel neither answers nor dies: its heartbeat stops and its
process is still there. The examiner must give up on it within the cell's limits and fail the
tests that need it. The grader's next cell on that kernel (manual_descent) times out, and the
interrupt brings no answer: nbclient then raised CellTimeoutError ("Timeout waiting for IOPub
output") and the whole notebook was NOT GRADED. It must be graded: test_f keeps its point,
the cells from the stopped one on score 0 with the reason, and the next student is graded as
usual."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% grad_f
import os
import signal


def grad_f(x):
    if isinstance(x, torch.Tensor):
        os.kill(os.getpid(), signal.SIGSTOP)
    return 2 * (x - 0.5)
