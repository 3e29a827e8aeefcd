"""The derivative "by hand" is autograd's: dz_dx returns a copy of x.grad (right for the
notebook's x only), so expected_grad = x.grad.clone() in disguise."""

LOSES = ["test_chain_of_ops_by_hand"]

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.mean()
z.backward()


def dz_dx(t):
    return x.grad.clone()


expected_grad = dz_dx(x.detach())
