"""second_derivative takes the first gradient without create_graph=True: the second grad raises."""

LOSES = ["test_second_derivative", "test_newton"]
VISIBLE = True

# %% second_derivative
def second_derivative(f, x):
    x = x.detach().clone().requires_grad_(True)
    (slope,) = torch.autograd.grad(f(x), x)
    (curvature,) = torch.autograd.grad(slope, x)
    return curvature
