"""Training stops once |W * input - output| < 0.1, a hundred times too early."""

LOSES = ["test_train_perceptron"]
VISIBLE = True

# %% train_perceptron
W = torch.tensor(1.0, requires_grad=True)
perceptron_losses = []
while abs(W.item() * input.item() - output.item()) >= 0.1:
    step_loss = (W * input - output) ** 2
    step_loss.backward()
    with torch.no_grad():
        W -= 0.05 * W.grad
    W.grad.zero_()
    perceptron_losses.append(step_loss.item())
W_trained = W.detach().clone()
