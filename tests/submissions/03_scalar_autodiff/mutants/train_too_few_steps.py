"""Training stops after 5 steps instead of 20."""

LOSES = ["test_train", "test_train_history"]

# %% train
LEARNING_RATE = 0.03
mse_history = []
for step in range(5):
    mse = loss(forward(w, X), y)
    w.grad = 0.0
    mse.grad = 1.0
    mse.backward()
    w.val -= LEARNING_RATE * w.grad
    mse_history.append(mse.val)
