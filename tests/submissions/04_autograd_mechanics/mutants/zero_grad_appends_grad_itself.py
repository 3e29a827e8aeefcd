"""grads_zeroed.append(W.grad) before W.grad.zero_(): every entry is the same tensor, now zero."""

LOSES = ["test_zero_grad"]
VISIBLE = True

# %% zero_grad
W = torch.ones(3, requires_grad=True)
grads_zeroed = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_zeroed.append(W.grad)
    W.grad.zero_()
