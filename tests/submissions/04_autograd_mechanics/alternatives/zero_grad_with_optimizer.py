"""Zeroing with an optimizer's zero_grad(), which sets W.grad to None (PyTorch >= 2.0), and
the record taken as a clone before it."""

LOSES = []

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
optimizer = torch.optim.SGD([W], lr=0.1)
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_zeroed.append(W.grad.clone())
    optimizer.zero_grad()
