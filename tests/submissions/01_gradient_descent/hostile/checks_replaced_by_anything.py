"""A blank notebook whose first cell rebinds checks to an object whose every attribute is a
no-op. The tests run in the examiner, whose checks are its own: it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
class Anything:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


checks = Anything()
