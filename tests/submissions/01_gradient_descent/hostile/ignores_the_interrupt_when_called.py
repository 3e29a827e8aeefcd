"""grad_f, when the examiner calls it on a tensor (the hidden part of test_grad_f), ignores
SIGINT and loops forever: the examiner's call times out, its interrupt is ignored, and the
student's kernel is busy for good. The examiner must give up on it within the cell's limits
and fail the tests that need it; the grader's next cell on that kernel (manual_descent) times
out, the interrupt brings no answer, and the cells from that one on score 0 with the reason.
test_f keeps its point, and the next student is graded as usual."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% grad_f
import signal


def grad_f(x):
    if isinstance(x, torch.Tensor):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while True:
            pass
    return 2 * (x - 0.5)
