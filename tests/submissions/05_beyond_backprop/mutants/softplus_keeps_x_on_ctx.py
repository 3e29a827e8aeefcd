"""Softplus keeps x as ctx.x instead of saving it with ctx.save_for_backward."""

LOSES = ["test_softplus_function"]
VISIBLE = True

# %% softplus_function
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.x = x
        return torch.clamp(x, min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * torch.sigmoid(ctx.x)
