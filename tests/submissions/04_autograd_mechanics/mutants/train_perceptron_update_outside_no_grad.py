"""W = W - lr * W.grad outside no_grad: W stops being a leaf and the loop breaks on W.grad."""

LOSES = ["test_train_perceptron"]

# %% train_perceptron
W = torch.tensor(1.0, requires_grad=True)
perceptron_losses = []
while abs(W.item() * input.item() - output.item()) >= 1e-3:
    step_loss = (W * input - output) ** 2
    step_loss.backward()
    W = W - 0.05 * W.grad
    W.grad.zero_()
    perceptron_losses.append(step_loss.item())
W_trained = W.detach().clone()
