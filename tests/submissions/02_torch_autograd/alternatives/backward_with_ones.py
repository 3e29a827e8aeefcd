"""backward(torch.ones_like(y)) where a plain backward() or .sum() would do."""

LOSES = []

# %% vector_to_scalar
x = torch.arange(4.0)
x.requires_grad_(True)
y = 2 * torch.dot(x, x)
y.backward(torch.ones_like(y))

# %% sin_derivative
def sin_derivative(x):
    leaf = x.detach().clone().requires_grad_(True)
    y = torch.sin(leaf)
    y.backward(torch.ones_like(y))
    return leaf.grad
