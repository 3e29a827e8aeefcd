"""sum_to_shape sums the size-1 axes without keepdim=True: (3, 1) comes back as (3,)."""

LOSES = ["test_sum_to_shape"]

# %% sum_to_shape
def sum_to_shape(grad, shape):
    shape = tuple(shape)
    extra = grad.dim() - len(shape)
    if extra:
        grad = grad.sum(dim=tuple(range(extra)))
    ones = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] != 1)
    if ones:
        grad = grad.sum(dim=ones)
    return grad
