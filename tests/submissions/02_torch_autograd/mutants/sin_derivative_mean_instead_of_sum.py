"""sin_derivative differentiates sin(x).mean(): every derivative comes out divided by len(x)."""

LOSES = ["test_sin_derivative"]  # the plot shows the student's own function: full marks
VISIBLE = True

# %% sin_derivative
def sin_derivative(x):
    leaf = x.detach().clone().requires_grad_(True)
    torch.sin(leaf).mean().backward()
    return leaf.grad
