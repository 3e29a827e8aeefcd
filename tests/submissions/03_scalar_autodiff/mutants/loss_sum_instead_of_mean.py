"""loss sums the squared errors and forgets to divide by their number."""

LOSES = ["test_loss", "test_loss_gradient", "test_train", "test_train_history"]
VISIBLE = True

# %% loss
def loss(y_pred, y):
    errors = [p + Scalar(-1.0) * t for p, t in zip(y_pred, y)]
    return sum([e * e for e in errors], Scalar(0.0))
