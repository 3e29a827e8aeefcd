"""A blank notebook that replaces every function of the course.checks module in its kernel
with a no-op. The examiner's checks module is another one: it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
import sys

_module = sys.modules["course.checks"]
for _name in dir(_module):
    if callable(getattr(_module, _name)) and not _name.startswith("__"):
        setattr(_module, _name, lambda *args, **kwargs: None)
