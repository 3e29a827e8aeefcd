"""df_analytic differentiates log(x**2) as 1/x, forgetting the inner derivative 2x."""

LOSES = ["test_chain_rule_analytic", "test_chain_rule_no_autograd"]  # the plot shows it: full marks

# %% chain_rule
def df_analytic(x):
    return 1 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2


def df_autograd(x):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad
