"""hvp takes the gradient without create_graph=True: differentiating it again raises."""

LOSES = ["test_hvp", "test_hvp_no_hessian"]
VISIBLE = True

# %% hvp
def hvp(f, x, v):
    x = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x)
    (hv,) = torch.autograd.grad((g * v).sum(), x)
    return hv
