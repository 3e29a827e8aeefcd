"""Derivatives that copy their input with torch.tensor(x, requires_grad=True): torch warns (on
tensors), which must not cost points."""

LOSES = []

# %% sin_derivative
def sin_derivative(x):
    leaf = torch.tensor(x, requires_grad=True)
    torch.sin(leaf).sum().backward()
    return leaf.grad

# %% chain_rule
def df_analytic(x):
    return 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2


def df_autograd(x):
    leaf = torch.tensor(x, requires_grad=True)
    f(leaf).sum().backward()
    return leaf.grad
