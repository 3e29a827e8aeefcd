"""vjp multiplies v by the gradient of f(x).sum(): right only when f acts elementwise."""

LOSES = ["test_vector_to_vector_general"]

# %% vector_to_vector
def vjp(f, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return v * leaf.grad
