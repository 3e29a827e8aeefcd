"""A blank notebook that patches InteractiveShell.run_cell at class level so that a cell
mentioning checks. reports success without running. Not in the examiner: it earns nothing."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
from IPython.core.interactiveshell import ExecutionInfo, ExecutionResult, InteractiveShell

_run_cell = InteractiveShell.run_cell


def _pretend(self, raw_cell, *args, **kwargs):
    if "checks." in raw_cell:
        return ExecutionResult(ExecutionInfo(raw_cell, False, False, False, None))
    return _run_cell(self, raw_cell, *args, **kwargs)


InteractiveShell.run_cell = _pretend
