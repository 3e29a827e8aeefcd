"""dz_dx runs autograd on a fresh copy of its argument instead of using a formula: right
values, but not by hand (autograd is off while the grader calls it)."""

LOSES = ["test_chain_of_ops_by_hand"]

# %% chain_of_ops
y = x * 5
w = y ** 2
z = w.mean()
z.backward()


def dz_dx(t):
    leaf = t.detach().clone().requires_grad_(True)
    ((leaf * 5) ** 2).mean().backward()
    return leaf.grad


expected_grad = dz_dx(x.detach())
