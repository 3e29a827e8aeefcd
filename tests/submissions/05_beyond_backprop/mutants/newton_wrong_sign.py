"""newton_minimize steps x + f'(x) / f''(x): uphill, away from the minimum."""

LOSES = ["test_newton"]
VISIBLE = True

# %% newton
def newton_minimize(f, x0, steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    for _ in range(steps):
        leaf = x.detach().clone().requires_grad_(True)
        (slope,) = torch.autograd.grad(f(leaf), leaf)
        x = x + slope / second_derivative(f, x)
    return x.item()
