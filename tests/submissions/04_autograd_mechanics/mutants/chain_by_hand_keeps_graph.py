"""expected_grad is dz_dx(x), not dz_dx(x.detach()), so it stays attached to x's graph."""

LOSES = ["test_chain_of_ops_by_hand"]

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.mean()
z.backward()


def dz_dx(x):
    return 12.5 * x


expected_grad = dz_dx(x)
