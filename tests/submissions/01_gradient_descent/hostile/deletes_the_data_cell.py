"""A blank notebook that deletes the locked data cell (nbgrader puts back a deleted test cell,
never a locked cell that is no test) and binds X, y and true_line itself: y = 0 everywhere, so
the least-squares line is w = b = 0, and true_line a line through its own w_ideal = b_ideal
= 0. The examiner never saw the data cell, and test_ideal_params and test_fit used to fetch the
student's X, y and true_line and pass with the real checks (3 of 14 points, a red team's
finding). Now the names the gradebook's locked cells bind are the examiner's alone, kept or
deleted: they are missing there, and it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]
DELETES = ["data"]

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
