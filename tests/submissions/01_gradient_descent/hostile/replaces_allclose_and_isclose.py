"""Hard-coded fit, then torch.allclose and math.isclose replaced by functions that always
agree: the examiner compares with its own, and the fit's test fails."""

LOSES = ["test_fit"]

# %% fit
import math

losses = [0.0] * 1000
w = torch.tensor(-3.0, requires_grad=True)
b = torch.tensor(1.5, requires_grad=True)
torch.allclose = lambda *args, **kwargs: True
math.isclose = lambda *args, **kwargs: True
