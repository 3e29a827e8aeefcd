"""The fit stops after 100 steps instead of 1000, far from converged."""

LOSES = ["test_fit"]

# %% fit
losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for step in range(100):
    loss = mse(X, y, w, b)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
