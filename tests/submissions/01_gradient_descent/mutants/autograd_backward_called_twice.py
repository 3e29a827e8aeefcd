"""backward() is called twice on the same graph, so x.grad holds twice the gradient."""

LOSES = ["test_autograd_backward"]

# %% autograd_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
y.backward(retain_graph=True)
y.backward()
print(x.grad)
