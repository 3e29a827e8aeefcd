"""sin_derivative uses central finite differences: close to the derivative, but no autograd."""

LOSES = ["test_sin_derivative_autograd"]

# %% sin_derivative
def sin_derivative(x):
    h = 1e-6
    x = x.double()
    return (torch.sin(x + h) - torch.sin(x - h)) / (2 * h)
