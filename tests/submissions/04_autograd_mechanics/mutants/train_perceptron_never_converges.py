"""Learning rate 0.25: each step overshoots to the mirror point, so W jumps between 1 and 9
forever; the MAX_STEPS cap ends the loop far from the target."""

LOSES = ["test_train_perceptron"]

# %% train_perceptron
W = torch.tensor(1.0, requires_grad=True)
perceptron_losses = []
MAX_STEPS = 1000
while (abs(W.item() * input.item() - output.item()) >= 1e-3
       and len(perceptron_losses) < MAX_STEPS):
    step_loss = (W * input - output) ** 2
    step_loss.backward()
    with torch.no_grad():
        W -= 0.25 * W.grad
    W.grad.zero_()
    perceptron_losses.append(step_loss.item())
W_trained = W.detach().clone()
