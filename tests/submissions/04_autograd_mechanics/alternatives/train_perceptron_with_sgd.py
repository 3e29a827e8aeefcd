"""Training with torch.optim.SGD in a bounded for loop that breaks when close enough; W_trained
as a float."""

LOSES = []

# %% train_perceptron
W = torch.tensor(1.0, requires_grad=True)
perceptron_losses = []
optimizer = torch.optim.SGD([W], lr=0.1)
for step in range(1000):
    if abs(W.item() * input.item() - output.item()) < 1e-3:
        break
    optimizer.zero_grad()
    step_loss = (W * input - output) ** 2
    step_loss.backward()
    optimizer.step()
    perceptron_losses.append(step_loss.item())
W_trained = W.item()
