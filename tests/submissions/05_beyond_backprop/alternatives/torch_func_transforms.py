"""torch.func instead of torch.autograd: grad of grad, forward-over-reverse HVP, vjp rows."""

LOSES = []

# %% second_derivative
def second_derivative(f, x):
    return torch.func.grad(torch.func.grad(f))(x)

# %% hvp
def hvp(f, x, v):
    return torch.func.jvp(torch.func.grad(f), (x,), (v,))[1]

# %% jacobians
def jacobian_forward(f, x):
    basis = torch.eye(x.numel(), dtype=x.dtype)
    return torch.stack([torch.func.jvp(f, (x,), (e,))[1] for e in basis], dim=1)


def jacobian_reverse(f, x):
    y, pullback = torch.func.vjp(f, x)
    basis = torch.eye(y.numel(), dtype=y.dtype)
    return torch.stack([pullback(u)[0] for u in basis])
