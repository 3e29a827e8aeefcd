"""forward returns w + x instead of w * x."""

LOSES = ["test_forward", "test_train", "test_train_history"]
VISIBLE = True

# %% forward
def forward(w, X):
    return [w + x for x in X]
