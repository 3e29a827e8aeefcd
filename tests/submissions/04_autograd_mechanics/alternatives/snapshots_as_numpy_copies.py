"""Gradients recorded as NumPy copies, W.grad.numpy().copy(): "a copy of its values", as asked."""

LOSES = []

# %% accumulation
W = torch.ones(3, requires_grad=True)
grads_accumulated = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_accumulated.append(W.grad.numpy().copy())

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_zeroed.append(W.grad.numpy().copy())
    W.grad.zero_()
