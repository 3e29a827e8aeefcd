"""vjp calls backward(torch.ones_like(y)): it ignores v and returns the gradient of f(x).sum()."""

LOSES = ["test_vector_to_vector", "test_vector_to_vector_general"]
VISIBLE = True

# %% vector_to_vector
def vjp(f, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    y = f(leaf)
    y.backward(torch.ones_like(y))
    return leaf.grad
