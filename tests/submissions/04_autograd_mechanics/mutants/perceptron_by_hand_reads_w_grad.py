"""dL_dW returns W.grad: autograd's answer, not a derivative by hand."""

LOSES = ["test_perceptron_by_hand"]

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward()


def dL_dW(W, input, output):
    return W.grad.clone()


grad_by_hand = dL_dW(W, input, output)
