"""b = x.detach().clone(): right values and untracked, but a copy that no longer shares x's memory."""

LOSES = ["test_stop_gradients_detach"]
VISIBLE = True

# %% stop_gradients
a = x.detach().clone().requires_grad_(True)
a.requires_grad_(False)
b = x.detach().clone()
with torch.no_grad():
    c = x ** 2 + 2
