"""a.requires_grad = False instead of the method, and c from a function decorated with
@torch.no_grad()."""

LOSES = []

# %% stop_gradients
a = x.detach().clone().requires_grad_(True)
a.requires_grad = False
b = x.detach()


@torch.no_grad()
def untracked(t):
    return t ** 2 + 2


c = untracked(x)
