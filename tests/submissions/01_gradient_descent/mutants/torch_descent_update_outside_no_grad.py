"""x = x - stepsize * x.grad outside torch.no_grad(): x becomes a non-leaf and has no .grad."""

LOSES = ["test_torch_descent_leaf", "test_torch_descent"]

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    x = x - stepsize * x.grad
    x.grad.zero_()
