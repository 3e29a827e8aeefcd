"""The gradient is zeroed before it is recorded, so every entry is zero."""

LOSES = ["test_zero_grad"]

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    W.grad.zero_()
    grads_zeroed.append(W.grad.clone())
