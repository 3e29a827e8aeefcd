"""grad_f returns 2 (0.5 - x): the derivative with the wrong sign (descent then climbs)."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent"]  # its descent ends elsewhere
VISIBLE = True

# %% grad_f
def grad_f(x):
    return 2 * (0.5 - x)
