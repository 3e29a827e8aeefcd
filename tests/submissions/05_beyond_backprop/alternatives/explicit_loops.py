"""Loops where the solution is vectorised: sum_to_shape one axis at a time, numerical_grad over
every index tuple, cross-entropy row by row."""

LOSES = []

# %% numerical_grad
import itertools


def numerical_grad(f, x, eps=1e-6):
    grad = torch.zeros_like(x)
    for index in itertools.product(*(range(n) for n in x.shape)):
        up, down = x.clone(), x.clone()
        up[index] += eps
        down[index] -= eps
        grad[index] = (f(up) - f(down)) / (2 * eps)
    return grad

# %% sum_to_shape
def sum_to_shape(grad, shape):
    while grad.dim() > len(shape):
        grad = grad.sum(dim=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(dim=axis, keepdim=True)
    return grad

# %% cross_entropy
def cross_entropy(logits, targets):
    total = 0.0
    for row, target in zip(logits, targets):
        top = max(row.tolist())
        total += top + math.log(sum(math.exp(z - top) for z in row.tolist())) - row[target].item()
    return total / len(targets)


def cross_entropy_grad(logits, targets):
    grad = torch.zeros_like(logits)
    for i, (row, target) in enumerate(zip(logits, targets)):
        top = max(row.tolist())
        weights = [math.exp(z - top) for z in row.tolist()]
        for c, w in enumerate(weights):
            grad[i, c] = (w / sum(weights) - float(c == int(target))) / len(targets)
    return grad
