"""df_analytic has the sign of the 1/x term's derivative flipped (+1/x**2); the plot of the
two functions shows the mismatch, which is what it is for, so it keeps its point."""

LOSES = ["test_chain_rule_analytic", "test_chain_rule_no_autograd"]
VISIBLE = True

# %% chain_rule
def df_analytic(x):
    return 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) + 1 / x ** 2


def df_autograd(x):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad
