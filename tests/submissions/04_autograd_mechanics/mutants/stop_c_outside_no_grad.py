"""c is computed after the no_grad block has ended, so autograd tracks it."""

LOSES = ["test_stop_gradients_no_grad"]
VISIBLE = True

# %% stop_gradients
a = x.detach().clone().requires_grad_(True)
a.requires_grad_(False)
b = x.detach()
with torch.no_grad():
    pass
c = x ** 2 + 2
