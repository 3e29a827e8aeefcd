"""numerical_grad ignores its eps and steps by 1e-2: the truncation error shows."""

LOSES = ["test_numerical_grad"]

# %% numerical_grad
def numerical_grad(f, x, eps=1e-6):
    eps = 1e-2
    flat = x.detach().clone().reshape(-1)
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = eps
        grad[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * eps)
    return grad.reshape(x.shape)
