"""Both autograd loops written with torch.optim.SGD instead of updating by hand."""

LOSES = []

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
optimizer = torch.optim.SGD([x], lr=stepsize)
for i in range(n_iter):
    optimizer.zero_grad()
    y = (x - 0.5) ** 2
    y.backward()
    optimizer.step()

# %% fit
losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
optimizer = torch.optim.SGD([w, b], lr=0.1)
for step in range(1000):
    optimizer.zero_grad()
    loss = mse(X, y, w, b)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
