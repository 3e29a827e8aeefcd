"""expected_grad is computed from x itself, so it stays attached to x's graph."""

LOSES = ["test_chain_of_ops_by_hand"]

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.mean()
z.backward()
expected_grad = 12.5 * x
