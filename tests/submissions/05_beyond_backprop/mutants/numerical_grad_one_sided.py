"""numerical_grad uses the one-sided difference (f(x + eps e_i) - f(x)) / eps: error of order eps."""

LOSES = ["test_numerical_grad"]
VISIBLE = True

# %% numerical_grad
def numerical_grad(f, x, eps=1e-6):
    flat = x.detach().clone().reshape(-1)
    grad = torch.zeros_like(flat)
    base = f(x.detach().clone())
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = eps
        grad[i] = (f((flat + step).reshape(x.shape)) - base) / eps
    return grad.reshape(x.shape)
