"""dz_dx forgets the 1/4 of the mean: 50 x instead of 12.5 x."""

LOSES = ["test_chain_of_ops_by_hand"]
VISIBLE = True

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.mean()
z.backward()


def dz_dx(x):
    return 2 * 5 * 5 * x


expected_grad = dz_dx(x.detach())
