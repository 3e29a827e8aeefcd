"""A blank notebook whose hooks make every failing cell look passed: showtraceback silenced,
a post_run_cell hook that clears the error, and a pre_run_cell hook that publishes a
non-number result (which nbgrader reads as full credit). Test cells run in the examiner,
which has no such hooks: it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
_shell = get_ipython()
_shell.showtraceback = lambda *args, **kwargs: None


def _clear_error(result):
    result.error_in_exec = None
    result.error_before_exec = None


def _publish_a_pass(info):
    _shell.display_pub.publish({"text/plain": "'passed'"})


_shell.events.register("post_run_cell", _clear_error)
_shell.events.register("pre_run_cell", _publish_a_pass)
