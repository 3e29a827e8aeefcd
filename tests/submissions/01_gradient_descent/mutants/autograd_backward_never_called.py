"""The gradient is printed without calling backward(), so x.grad is still None."""

LOSES = ["test_autograd_backward"]
VISIBLE = True

# %% autograd_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
print(x.grad)
