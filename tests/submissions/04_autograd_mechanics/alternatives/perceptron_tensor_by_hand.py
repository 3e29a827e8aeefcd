"""dL_dW with tensor arithmetic, so grad_by_hand = 2 * (pred - output) * input-style values
carry a graph (Q4.1 does not forbid it); the chain written with torch.square, dz_dx as
12.5 * x."""

LOSES = []

# %% chain_of_ops
y = torch.mul(x, 5)
w = torch.square(y)
z = torch.mean(w)
z.backward()


def dz_dx(x):
    return 12.5 * x


expected_grad = dz_dx(x.detach())

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward()


def dL_dW(W, input, output):
    return 2 * (W * input - output) * input


grad_by_hand = dL_dW(W, input, output)
