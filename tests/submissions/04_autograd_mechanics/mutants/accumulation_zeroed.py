"""The accumulation loop zeroes the gradient, so it never accumulates."""

LOSES = ["test_accumulation"]

# %% accumulation
W = torch.ones(3, requires_grad=True)
grads_accumulated = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_accumulated.append(W.grad.clone())
    W.grad.zero_()
