"""Q2.1 and Q2.2 answered with extra prints and a copy of the gradient."""

LOSES = []

# %% grad_before_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
grad_before = x.grad
print(f"{grad_before=}, {x.is_leaf=}")

# %% autograd_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
y.backward()
gradient = x.grad.clone()
print(f"dy/dx at {x.item()} is {gradient.item()}; grad_f gives {grad_f(0.125)}")
