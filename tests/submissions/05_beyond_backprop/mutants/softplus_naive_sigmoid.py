"""Softplus's backward computes the sigmoid as exp(x) / (1 + exp(x)): nan at x = 1000."""

LOSES = ["test_softplus_function_stable"]

# %% softplus_function
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.clamp(x, min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.exp(x) / (1 + torch.exp(x))
