"""sin_derivative returns torch.cos(x): the right values, but the exercise forbids cosine."""

LOSES = ["test_sin_derivative_autograd"]
VISIBLE = True

# %% sin_derivative
def sin_derivative(x):
    return torch.cos(x)
