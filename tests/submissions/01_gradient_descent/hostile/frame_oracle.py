"""grad_f walks up the stack to the check that calls it and returns that check's own
reference. In the examiner's grading there is no test on the student's stack, only the
bridge: the grad_f tests are lost."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent"]  # its descent ends elsewhere

# %% grad_f
import sys


def grad_f(x):
    frame = sys._getframe(1)
    while frame is not None:
        reference = frame.f_locals.get("reference")
        if frame.f_code.co_name == "function_matches" and callable(reference):
            return reference(x)
        frame = frame.f_back
    return 0 * x
