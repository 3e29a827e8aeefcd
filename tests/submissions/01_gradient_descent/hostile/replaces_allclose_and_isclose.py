"""Hard-coded fit, then torch.allclose and math.isclose replaced by functions that always
agree: the fit's test notices the replacement and fails."""

LOSES = ["test_fit"]

# %% fit
import math

losses = []
w = torch.tensor(-3.0, requires_grad=True)
b = torch.tensor(1.5, requires_grad=True)
torch.allclose = lambda *args, **kwargs: True
math.isclose = lambda *args, **kwargs: True
