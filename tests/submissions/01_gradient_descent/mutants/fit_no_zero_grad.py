"""The fit never zeroes w.grad and b.grad, so the gradients pile up and the fit goes wrong."""

LOSES = ["test_fit"]
VISIBLE = True

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
    losses.append(loss.item())
