"""grad_f returns 2 * x - 0.5: the constant is not multiplied by 2. At x = 0 that is half the
right value, but no factor holds at every point, so no message may name one."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent"]  # its descent ends elsewhere

# %% grad_f
def grad_f(x):
    return 2 * x - 0.5
