"""grad_by_hand as a tensor computed from W.detach(), and the chain written with torch.square
and expected_grad as 12.5 * x.detach()."""

LOSES = []

# %% chain_of_ops
y = torch.mul(x, 5)
w = torch.square(y)
z = torch.mean(w)
z.backward()
expected_grad = 12.5 * x.detach()

# %% perceptron
input = torch.tensor(2.0)
output = torch.tensor(10.0)
W = torch.tensor(1.0, requires_grad=True)
pred = W * input
loss = (pred - output) ** 2
loss.backward()
grad_by_hand = 2 * (W.detach() * input - output) * input
