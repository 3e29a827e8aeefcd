"""Answers that make a test raise an error that is not a check's failure, inside or just
before the hidden lines, where IPython prints a traceback with the source lines around the
error: complex tensors for x and w (autograd refuses to differentiate them, float() refuses
to read them). Every such test fails, and no traceback in the feedback shows a hidden line.
It also rebinds `len` to a number: a builtin that a test only calls is the examiner's own
(course.names.callees_only), so test_fit, whose fit is right, keeps its points."""

LOSES = ["test_autograd_backward", "test_torch_descent_leaf", "test_torch_descent"]

# %% autograd_backward
x = torch.tensor(0.125 + 0j, requires_grad=True)
x.grad = torch.tensor(-0.75 + 0j)

# %% torch_descent
x = torch.tensor(0.5 + 0j, requires_grad=True)

# %% fit
losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for step in range(1000):
    loss = mse(X, y, w, b)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
len = 1000
