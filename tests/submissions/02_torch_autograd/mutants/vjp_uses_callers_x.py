"""vjp turns on gradients of the caller's own x: a second call adds to the first gradient."""

LOSES = ["test_vector_to_vector"]

# %% vector_to_vector
def vjp(f, x, v):
    x.requires_grad_(True)
    f(x).backward(v)
    return x.grad
