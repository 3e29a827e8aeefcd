"""a is never switched off: the requires_grad_(False) line is missing."""

LOSES = ["test_stop_gradients_requires_grad"]
VISIBLE = True

# %% stop_gradients
a = x.detach().clone().requires_grad_(True)
b = x.detach()
with torch.no_grad():
    c = x ** 2 + 2
