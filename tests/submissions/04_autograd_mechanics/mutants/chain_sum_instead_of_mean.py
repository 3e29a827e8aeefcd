"""z = w.sum() instead of w.mean(), with expected_grad worked out for the sum."""

LOSES = ["test_chain_of_ops", "test_chain_of_ops_by_hand"]

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.sum()
z.backward()
expected_grad = 50 * x.detach()
