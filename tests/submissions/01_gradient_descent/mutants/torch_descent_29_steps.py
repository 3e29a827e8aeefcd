"""The autograd loop runs n_iter - 1 = 29 steps."""

LOSES = ["test_torch_descent"]

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
for i in range(n_iter - 1):
    y = (x - 0.5) ** 2
    y.backward()
    with torch.no_grad():
        x -= stepsize * x.grad
    x.grad.zero_()
