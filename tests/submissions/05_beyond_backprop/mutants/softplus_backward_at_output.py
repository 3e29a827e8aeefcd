"""Softplus saves its output and backward returns the sigmoid of the output, not of the input."""

LOSES = ["test_softplus_function", "test_softplus_function_stable"]
VISIBLE = True

# %% softplus_function
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = torch.clamp(x, min=0) + torch.log1p(torch.exp(-x.abs()))
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(out)
