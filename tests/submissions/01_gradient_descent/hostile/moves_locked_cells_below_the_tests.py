"""A blank notebook that moves the locked setup cell down to just after test_mse and the locked
data cell to the very end (a student can reorder cells; nbgrader restores a locked cell's
source, never its place), and binds checks, torch, X, y and true_line in its own first cell:
checks to an object whose every method does nothing (as_float gives 0.0), X and y to data
whose least-squares line is w = b = 0, true_line to a line through its own w_ideal, b_ideal.
The examiner runs locked cells where they stand in the submission, and every test before the
setup cell used to fetch the student's checks and torch (handles into the student's kernel:
five tests passed on checks that do nothing), and every test before the data cell the
student's X, y and true_line (test_fit passed on the real checks, with its w, b, losses
never fitted): 7 of 14 points without answering a question, on both paths (a red team's
finding; stripping the two cells' nbgrader metadata earned 5, deleting the data cell 3).
Now every name the gradebook's locked cells bind is the examiner's alone, wherever the
submission put them: a test before them finds it missing. It earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]
MOVES = [("setup", "test_mse"), ("data", "test_fit")]

# %% f
import math

import matplotlib.pyplot as plt
import torch


class _Anything:
    def __getattr__(self, name):
        if name == "as_float":
            return lambda *args, **kwargs: 0.0
        return lambda *args, **kwargs: None


checks = _Anything()


def f(x):
    raise NotImplementedError()

# %% grad_before_backward
x = torch.tensor(0.125, requires_grad=True)
grad_before = None

# %% autograd_backward
x = torch.tensor(0.125, requires_grad=True)

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)

# %% ideal_params
w_ideal = b_ideal = 0.0
X = torch.rand(100, 1)
y = torch.zeros(100, 1)


def true_line(X):
    return 0.0 * X

# %% fit
losses = [0.0] * 1000
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
