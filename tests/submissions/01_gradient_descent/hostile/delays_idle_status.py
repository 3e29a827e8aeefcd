"""After a correct fit, the fit cell makes the kernel wait 6 s between its execute reply and
IOPub's "idle" status, once (the kernel's status publishing is the student's to replace). The
reply is in, the cell's output is complete only 6 s later: nbclient waits 4 s (iopub_timeout)
and raises CellTimeoutError ("Timeout waiting for IOPub output") well inside the cell's limit,
and ResilientExecute re-raised it ("its reply came and its output did not: the machine"), so
the whole notebook was NOT GRADED (a machine busy enough to delay an honest kernel's idle
status did the same). What must happen: the notebook is graded, the fit cell keeps what came
with a note, and the right fit keeps its points: full marks."""

LOSES = []

# %% fit +
import time as _time

_kernel = get_ipython().kernel
_publish = _kernel._publish_status


def _late_idle(status, channel, parent=None):
    if status == "idle":
        _kernel._publish_status = _publish
        _time.sleep(6)
    _publish(status, channel, parent)


_kernel._publish_status = _late_idle
