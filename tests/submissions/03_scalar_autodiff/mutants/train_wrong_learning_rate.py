"""Training uses a learning rate of 0.3: each step overshoots further and the loss explodes."""

LOSES = ["test_train", "test_train_history"]

# %% train
LEARNING_RATE = 0.3
mse_history = []
for step in range(20):
    mse = loss(forward(w, X), y)
    w.grad = 0.0
    mse.grad = 1.0
    mse.backward()
    w.val -= LEARNING_RATE * w.grad
    mse_history.append(mse.val)
