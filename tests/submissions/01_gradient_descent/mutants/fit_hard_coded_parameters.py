"""w and b are set to the generating line's -3 and 1.5 instead of being fitted to the noisy data."""

LOSES = ["test_fit"]

# %% fit
losses = []
w = torch.tensor(-3.0, requires_grad=True)
b = torch.tensor(1.5, requires_grad=True)
