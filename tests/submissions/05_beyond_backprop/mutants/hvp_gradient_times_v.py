"""hvp returns the gradient times v, elementwise: no second derivative at all."""

LOSES = ["test_hvp"]

# %% hvp
def hvp(f, x, v):
    x = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x)
    return g * v
