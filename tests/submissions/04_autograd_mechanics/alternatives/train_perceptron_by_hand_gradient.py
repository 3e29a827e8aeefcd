"""Training with the hand-written gradient instead of backward(), W a plain float."""

LOSES = []

# %% train_perceptron
W = 1.0
perceptron_losses = []
while abs(W * input.item() - output.item()) >= 1e-3:
    error = W * input.item() - output.item()
    perceptron_losses.append(error ** 2)
    W -= 0.02 * 2 * error * input.item()
W_trained = W
