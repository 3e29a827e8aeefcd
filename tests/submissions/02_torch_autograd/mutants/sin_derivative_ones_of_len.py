"""sin_derivative seeds backward with torch.ones(len(x)): right for 1-D input, wrong shape
for 2-D and 0-D tensors. Only the values test may lose: the no-cosine test uses 1-D input."""

LOSES = ["test_sin_derivative"]

# %% sin_derivative
def sin_derivative(x):
    leaf = x.detach().clone().requires_grad_(True)
    y = torch.sin(leaf)
    y.backward(torch.ones(len(x)))
    return leaf.grad
