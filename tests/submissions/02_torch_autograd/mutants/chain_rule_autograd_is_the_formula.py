"""df_autograd returns the hand-written formula instead of asking autograd."""

LOSES = ["test_chain_rule_autograd"]
VISIBLE = True

# %% chain_rule
def df_analytic(x):
    return 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2


def df_autograd(x):
    return df_analytic(x)
