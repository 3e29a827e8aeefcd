"""loss = pred - output, without the square: -8 instead of 64, and W.grad = 2."""

LOSES = ["test_perceptron"]
VISIBLE = True

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = pred - output
loss.backward()
def dL_dW(W, input, output):
    return 2 * (W.item() * input.item() - output.item()) * input.item()


grad_by_hand = dL_dW(W, input, output)
