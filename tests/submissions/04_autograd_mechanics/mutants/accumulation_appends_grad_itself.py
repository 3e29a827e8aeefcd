"""grads_accumulated.append(W.grad): four references to one tensor, all showing its last value."""

LOSES = ["test_accumulation"]
VISIBLE = True

# %% accumulation
W = torch.ones(3, requires_grad=True)
grads_accumulated = []
for epoch in range(4):
    out = (W * 2).sum()
    out.backward()
    grads_accumulated.append(W.grad)
