"""Another start and step size for the manual descent (x_init = 3, eta = 0.3), and a random
start for the fit."""

LOSES = []

# %% manual_descent
x_init = 3.0
eta = 0.3
x = x_init
for step in range(30):
    x = x - eta * grad_f(x)

# %% fit
losses = []
w = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
for step in range(1000):
    loss = mse(X, y, w, b)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
