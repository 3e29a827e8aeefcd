"""second_derivative stops after one differentiation: it returns f'(x)."""

LOSES = ["test_second_derivative", "test_newton"]

# %% second_derivative
def second_derivative(f, x):
    x = x.detach().clone().requires_grad_(True)
    (slope,) = torch.autograd.grad(f(x), x)
    return slope
