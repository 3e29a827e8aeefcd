"""A blank notebook with a post_run_cell hook that prints every cell its kernel ran (In),
hoping to show the hidden tests in its feedback. They never run in its kernel: it earns
nothing, and its feedback holds no hidden-test line (tests/test_sandbox.py scans it)."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
_shell = get_ipython()
_shell.events.register("post_run_cell", lambda result: print("\n".join(_shell.user_ns["In"])))
