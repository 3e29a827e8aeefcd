"""Every gradient taken with torch.autograd.grad instead of backward() and .grad."""

LOSES = []

# %% vector_to_vector
def vjp(f, x, v):
    leaf = x.detach().requires_grad_(True)
    (gradient,) = torch.autograd.grad(f(leaf), leaf, grad_outputs=v)
    return gradient

# %% control_flow
def control_flow_grad(a):
    a = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    return torch.autograd.grad(loop_and_branch(a), a)[0].item()

# %% sin_derivative
def sin_derivative(x):
    leaf = x.detach().requires_grad_(True)
    return torch.autograd.grad(torch.sin(leaf).sum(), leaf)[0]

# %% chain_rule
def df_analytic(x):
    return 2 * torch.sin(x) / x + torch.cos(x) * torch.log(x * x) - x ** -2


def df_autograd(x):
    leaf = x.detach().requires_grad_(True)
    return torch.autograd.grad(f(leaf), leaf, torch.ones_like(leaf))[0]
