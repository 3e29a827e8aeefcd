"""forward, loss and training written as explicit loops with counters."""

LOSES = []

# %% forward
def forward(w, X):
    predictions = []
    for i in range(len(X)):
        predictions.append(w * X[i])
    return predictions

# %% loss
def loss(y_pred, y):
    total = Scalar(0.0)
    for i in range(len(y)):
        error = y_pred[i] + Scalar(-1.0) * y[i]
        total = total + error * error
    return total * Scalar(1.0 / len(y))

# %% train
LEARNING_RATE = 0.03
mse_history = []
step = 0
while step < 20:
    w.grad = 0.0
    mse = loss(forward(w, X), y)
    mse.grad = 1.0
    mse.backward()
    w.val = w.val - LEARNING_RATE * w.grad
    mse_history.append(float(mse.val))
    step += 1
