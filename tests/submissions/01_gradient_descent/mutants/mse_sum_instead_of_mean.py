"""mse sums the squared errors instead of averaging them (100 times too large), so the fit at
step size 0.1 diverges too."""

LOSES = ["test_mse", "test_mse_gradient", "test_fit"]
VISIBLE = True

# %% mse
def mse(X, y, w, b):
    return ((w * X + b - y) ** 2).sum()
