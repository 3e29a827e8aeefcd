"""w.grad is never reset, so each step adds the new gradient to all the old ones."""

LOSES = ["test_train", "test_train_history"]
VISIBLE = True

# %% train
LEARNING_RATE = 0.03
mse_history = []
for step in range(20):
    mse = loss(forward(w, X), y)
    mse.grad = 1.0
    mse.backward()
    w.val -= LEARNING_RATE * w.grad
    mse_history.append(mse.val)
