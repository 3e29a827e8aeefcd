"""mse goes through .item() and returns a fresh tensor: right value, no graph, so the fit
cannot call backward() either."""

LOSES = ["test_mse_gradient", "test_fit"]

# %% mse
def mse(X, y, w, b):
    return torch.tensor(((w * X + b - y) ** 2).mean().item())
