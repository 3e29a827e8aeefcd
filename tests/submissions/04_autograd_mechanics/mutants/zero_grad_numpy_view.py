"""Records W.grad.numpy(), a view of W.grad's memory, not a copy: zero_() then empties every
record."""

LOSES = ["test_zero_grad"]

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_zeroed.append(W.grad.numpy())
    W.grad.zero_()
