"""z = w.sum() instead of w.mean(), with dz_dx worked out for the sum."""

LOSES = ["test_chain_of_ops", "test_chain_of_ops_by_hand"]
VISIBLE = True

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.sum()
z.backward()


def dz_dx(x):
    return 50 * x


expected_grad = dz_dx(x.detach())
