"""df_analytic is autograd in disguise, not a derivation by hand."""

LOSES = ["test_chain_rule_no_autograd"]
VISIBLE = True

# %% chain_rule
def df_autograd(x):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad


def df_analytic(x):
    return df_autograd(x)
