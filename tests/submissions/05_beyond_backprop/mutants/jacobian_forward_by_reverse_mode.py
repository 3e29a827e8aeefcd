"""jacobian_forward is reverse mode in disguise: it transposes a Jacobian built from VJPs."""

LOSES = ["test_jacobians_modes"]
VISIBLE = True

# %% jacobians
def jacobian_reverse(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        direction = torch.zeros_like(y)
        direction[i] = 1.0
        rows.append(torch.autograd.grad(y, x, grad_outputs=direction, retain_graph=True)[0])
    return torch.stack(rows)


def jacobian_forward(f, x):
    columns = [row for row in jacobian_reverse(f, x).T]
    return torch.stack(columns, dim=1)
