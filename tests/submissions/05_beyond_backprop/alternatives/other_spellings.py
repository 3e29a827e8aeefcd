"""Correct answers spelled otherwise: softplus with torch.logaddexp and a tensor saved by
index, a float cross-entropy with one_hot, Newton with its own double grad returning a tensor,
an HVP by autograd.grad with grad_outputs."""

LOSES = []

# %% softplus_function
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.logaddexp(x, torch.zeros_like(x))

    @staticmethod
    def backward(ctx, grad_output):
        x = ctx.saved_tensors[0]
        return torch.sigmoid(x) * grad_output

# %% cross_entropy
def cross_entropy(logits, targets):
    top = logits.max(dim=1, keepdim=True).values
    log_probs = logits - top - torch.log(torch.exp(logits - top).sum(dim=1, keepdim=True))
    one_hot = torch.nn.functional.one_hot(targets, logits.shape[1]).to(logits.dtype)
    return float(-(one_hot * log_probs).sum() / len(targets))


def cross_entropy_grad(logits, targets):
    exps = torch.exp(logits - logits.max(dim=1, keepdim=True).values)
    one_hot = torch.nn.functional.one_hot(targets, logits.shape[1]).to(logits.dtype)
    return (exps / exps.sum(dim=1, keepdim=True) - one_hot) / logits.shape[0]

# %% newton
def newton_minimize(f, x0, steps):
    x = torch.tensor([float(x0)], dtype=torch.float64)
    for _ in range(steps):
        leaf = x.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(leaf[0]), leaf, create_graph=True)
        (h,) = torch.autograd.grad(g.sum(), leaf)
        x = (x - g.detach() / h).detach()
    return x

# %% hvp
def hvp(f, x, v):
    leaf = x.clone().requires_grad_()
    (g,) = torch.autograd.grad(f(leaf), leaf, create_graph=True)
    return torch.autograd.grad(g, leaf, grad_outputs=v)[0]
