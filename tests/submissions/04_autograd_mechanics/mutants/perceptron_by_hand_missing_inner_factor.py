"""dL_dW stops at dL/dpred = 2 (pred - output) and forgets dpred/dW = input."""

LOSES = ["test_perceptron_by_hand"]
VISIBLE = True

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward()


def dL_dW(W, input, output):
    return 2 * (W.item() * input.item() - output.item())


grad_by_hand = dL_dW(W, input, output)
