"""Softplus computes log(1 + exp(x)) as written: inf at x = 1000, right elsewhere."""

LOSES = ["test_softplus_function_stable"]
VISIBLE = True

# %% softplus_function
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.log(1 + torch.exp(x))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)
