"""jacobian_forward stacks the JVPs as rows: it returns the transpose, n x m."""

LOSES = ["test_jacobians"]
VISIBLE = True

# %% jacobians
def jacobian_forward(f, x):
    columns = []
    for j in range(x.numel()):
        direction = torch.zeros_like(x)
        direction[j] = 1.0
        columns.append(torch.func.jvp(f, (x,), (direction,))[1])
    return torch.stack(columns)


def jacobian_reverse(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        direction = torch.zeros_like(y)
        direction[i] = 1.0
        rows.append(torch.autograd.grad(y, x, grad_outputs=direction, retain_graph=True)[0])
    return torch.stack(rows)
