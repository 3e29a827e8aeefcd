"""The autograd loop steps with 0.2 instead of the 0.1 asked for (zeroing is fine)."""

LOSES = ["test_torch_descent"]
VISIBLE = True

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.2
n_iter = 30
for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    with torch.no_grad():
        x -= stepsize * x.grad
    x.grad.zero_()
