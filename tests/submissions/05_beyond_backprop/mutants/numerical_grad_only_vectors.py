"""numerical_grad loops over range(len(x)) and x[i]: fails for a 0-d x, nudges whole rows of a matrix."""

LOSES = ["test_numerical_grad_shapes"]
VISIBLE = True

# %% numerical_grad
def numerical_grad(f, x, eps=1e-6):
    grad = torch.zeros_like(x)
    for i in range(len(x)):
        up, down = x.clone(), x.clone()
        up[i] += eps
        down[i] -= eps
        grad[i] = (f(up) - f(down)) / (2 * eps)
    return grad
