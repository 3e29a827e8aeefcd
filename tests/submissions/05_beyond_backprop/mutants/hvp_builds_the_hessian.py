"""hvp builds the Hessian row by row (one backward pass per element of x), then multiplies."""

LOSES = ["test_hvp_no_hessian"]
VISIBLE = True

# %% hvp
def hvp(f, x, v):
    x = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    rows = [torch.autograd.grad(g[i], x, retain_graph=True)[0] for i in range(len(x))]
    return torch.stack(rows) @ v
