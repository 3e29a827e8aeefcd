"""df_analytic forgets the derivative of 1/x (the -1/x**2 term); the plot shows the mismatch."""

LOSES = ["test_chain_rule_analytic", "test_chain_rule_no_autograd"]  # the plot shows it: full marks

# %% chain_rule
def df_analytic(x):
    return 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x)


def df_autograd(x):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad
