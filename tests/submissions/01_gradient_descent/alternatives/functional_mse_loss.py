"""mse written with torch.nn.functional.mse_loss on the line's predictions."""

LOSES = []

# %% mse
import torch.nn.functional as F


def mse(X, y, w, b):
    return F.mse_loss(X * w + b, y)
