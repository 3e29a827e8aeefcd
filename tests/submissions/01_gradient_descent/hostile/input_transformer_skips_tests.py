"""A blank notebook that installs an IPython input transformer turning every cell that
mentions checks. into pass. Test cells never run in its kernel: it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
def _skip_tests(lines):
    return ["pass\n"] if any("checks." in line for line in lines) else lines


get_ipython().input_transformers_post.append(_skip_tests)
