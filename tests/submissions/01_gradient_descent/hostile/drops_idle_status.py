"""After a correct fit, the fit cell replaces the kernel's status publishing, so that from
then on its cells send their execute reply but never IOPub's "idle" status (the message that
says a cell's output is complete). nbclient waits 4 s (iopub_timeout) for it and raises
CellTimeoutError ("Timeout waiting for IOPub output") well inside the cell's limit, and
ResilientExecute re-raised that ("its reply came and its output did not: the machine"), so the
whole notebook was NOT GRADED. What must happen: the notebook is graded; the cells whose output
never ended keep what came, with a note; the tests run in the examiner, which reads w, b and
losses over the bridge (replies, not IOPub), so the right fit keeps its points: full marks."""

LOSES = []

# %% fit +
_kernel = get_ipython().kernel
_publish = _kernel._publish_status


def _no_idle(status, channel, parent=None):
    if status != "idle":
        _publish(status, channel, parent)


_kernel._publish_status = _no_idle
