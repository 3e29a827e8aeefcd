"""newton_minimize makes steps + 1 updates: invisible on a quadratic, wrong on the others."""

LOSES = ["test_newton"]

# %% newton
def newton_minimize(f, x0, steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    for _ in range(steps + 1):
        leaf = x.detach().clone().requires_grad_(True)
        (slope,) = torch.autograd.grad(f(leaf), leaf)
        x = x - slope / second_derivative(f, x)
    return x.item()
