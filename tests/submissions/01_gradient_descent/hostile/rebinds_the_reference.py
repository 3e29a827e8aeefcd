"""mse is a sum, not a mean, and torch.nn.functional.mse_loss, which the mse tests import as
their reference, is rebound to it. The examiner imports its own mse_loss: test_mse and
test_mse_gradient are lost (and the fit, whose steps on a sum run away)."""

LOSES = ["test_mse", "test_mse_gradient", "test_fit"]

# %% mse
import torch.nn.functional


def mse(X, y, w, b):
    return ((w * X + b - y) ** 2).sum()


torch.nn.functional.mse_loss = lambda input, target: ((input - target) ** 2).sum()
