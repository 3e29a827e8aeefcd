"""grad_f returns x - 0.5: the factor 2 from the power rule is missing."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent"]  # its descent ends elsewhere

# %% grad_f
def grad_f(x):
    return x - 0.5
