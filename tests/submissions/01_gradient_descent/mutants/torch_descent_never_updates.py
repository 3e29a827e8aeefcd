"""The loop computes y and its gradient 30 times but never updates x."""

LOSES = ["test_torch_descent_leaf", "test_torch_descent"]
VISIBLE = True

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    x.grad.zero_()
