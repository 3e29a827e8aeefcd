"""y = torch.dot(x, x): the factor 2 is missing, so x.grad is 2x instead of 4x."""

LOSES = ["test_vector_to_scalar"]
VISIBLE = True

# %% vector_to_scalar
x = torch.arange(4.0)
x.requires_grad_()
y = torch.dot(x, x)
y.backward()
