"""grad_by_hand computed from pred, as 2 * (pred - output) * input: part of W's graph, which
Q4.1 never forbids; dL_dW written the same way with floats."""

LOSES = []

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward()


def dL_dW(W, input, output):
    return 2 * (float(W) * float(input) - float(output)) * float(input)


grad_by_hand = 2 * (pred - output) * input
