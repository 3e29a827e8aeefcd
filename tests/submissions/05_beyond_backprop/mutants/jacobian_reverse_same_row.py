"""jacobian_reverse uses a vector of ones for every row: each row is the gradient of sum(f)."""

LOSES = ["test_jacobians"]

# %% jacobians
def jacobian_forward(f, x):
    columns = []
    for j in range(x.numel()):
        direction = torch.zeros_like(x)
        direction[j] = 1.0
        columns.append(torch.func.jvp(f, (x,), (direction,))[1])
    return torch.stack(columns, dim=1)


def jacobian_reverse(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    rows = []
    for i in range(y.numel()):
        rows.append(torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y),
                                        retain_graph=True)[0])
    return torch.stack(rows)
