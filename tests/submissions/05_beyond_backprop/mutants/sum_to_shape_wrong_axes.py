"""sum_to_shape sums the trailing axes instead of the leading ones, then reshapes."""

LOSES = ["test_sum_to_shape"]

# %% sum_to_shape
def sum_to_shape(grad, shape):
    shape = tuple(shape)
    extra = grad.dim() - len(shape)
    if extra:
        grad = grad.sum(dim=tuple(range(grad.dim() - extra, grad.dim())))
    ones = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] != 1)
    if ones:
        grad = grad.sum(dim=ones, keepdim=True)
    return grad.reshape(shape) if grad.numel() == torch.Size(shape).numel() else grad
