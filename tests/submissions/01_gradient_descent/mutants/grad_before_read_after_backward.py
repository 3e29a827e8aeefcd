"""grad_before is read after y.backward() has already filled x.grad."""

LOSES = ["test_grad_before_backward"]
VISIBLE = True

# %% grad_before_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
y.backward()
grad_before = x.grad
