"""torch.optim.SGD with opt.zero_grad() after opt.step(): x.grad is None at the end (PyTorch
>= 2.0 sets it to None), which Question 3.1 allows."""

LOSES = []

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
opt = torch.optim.SGD([x], lr=stepsize)
for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    opt.step()
    opt.zero_grad()
