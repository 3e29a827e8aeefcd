"""torch_descent (correct) also replaces torch.manual_seed in the student's kernel with an
endless sleep. The next cell, the locked data cell, runs in that kernel too and calls it. A
locked cell gets the long limit meant for the setup's imports (locked_cell_timeout, 300 s), its
time does not count against the notebook's 120 s, and when it times out the grader takes it for
a busy machine and runs the whole notebook again, up to 3 times: one submission held its worker
for 3 x 300 s, far past the notebook's limit. What must happen: a locked cell that runs after
the submission's own code is held to the student's limits (the interrupt ends the sleep), and
the notebook is run once; the data cell fails in the student's kernel only, the tests read the
examiner's data, and only the fit, which needs X and y in the student's kernel, loses its
points: test_fit scores 0, every other test full marks, within the notebook's limits."""

LOSES = ["test_fit"]

# %% torch_descent +
import time as _time


def _endless(*args, **kwargs):
    _time.sleep(10**6)


torch.manual_seed = _endless
