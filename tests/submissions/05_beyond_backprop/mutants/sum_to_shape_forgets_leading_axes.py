"""sum_to_shape only sums the axes where shape has size 1, not the leading axes shape lacks."""

LOSES = ["test_sum_to_shape"]
VISIBLE = True

# %% sum_to_shape
def sum_to_shape(grad, shape):
    offset = grad.dim() - len(shape)
    ones = tuple(offset + i for i, size in enumerate(shape) if size == 1)
    return grad.sum(dim=ones, keepdim=True) if ones else grad
