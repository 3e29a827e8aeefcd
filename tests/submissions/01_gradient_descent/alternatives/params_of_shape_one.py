"""w and b created with torch.zeros(1), shape (1,), and mse written as a sum over len(X)."""

LOSES = []

# %% mse
def mse(X, y, w, b):
    residuals = X * w + b - y
    return (residuals * residuals).sum() / len(X)

# %% fit
losses = []
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for step in range(1000):
    loss = mse(X, y, w, b)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
