"""loss.backward() is called twice (retain_graph=True), so W.grad holds -64."""

LOSES = ["test_perceptron"]

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward(retain_graph=True)
loss.backward()
def dL_dW(W, input, output):
    return 2 * (W.item() * input.item() - output.item()) * input.item()


grad_by_hand = dL_dW(W, input, output)
