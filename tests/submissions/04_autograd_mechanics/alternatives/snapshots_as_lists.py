"""Gradients recorded with .tolist(), and zeroed by setting W.grad = None (backward then makes
a fresh tensor, so appending W.grad itself is safe here)."""

LOSES = []

# %% accumulation
W = torch.ones(3, requires_grad=True)
grads_accumulated = []
for epoch in range(4):
    (W * 2).sum().backward()
    grads_accumulated.append(W.grad.tolist())

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
for epoch in range(4):
    (W * 2).sum().backward()
    grads_zeroed.append(W.grad)
    W.grad = None
