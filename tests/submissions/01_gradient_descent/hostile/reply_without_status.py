"""After a correct fit, the fit cell makes its own execute reply leave out "status" (the kernel
is the student's: its session's send can be wrapped), once. nbgrader's Execute reads
reply["content"]["status"] and raised KeyError out of the cell, so the whole notebook was NOT
GRADED (the same for a reply whose status is "error" with no ename: nbgrader reads
reply["content"]["ename"]). What must happen: a reply the grader cannot read counts as an error of that cell (with
a reason), not of the grader; the fit cell is no test cell, its w and b are right, and this
submission scores full marks."""

LOSES = []

# %% fit +
_session = get_ipython().kernel.session
_send = _session.send


def _send_once(stream, msg_or_type, content=None, *args, **kwargs):
    if msg_or_type == "execute_reply" and isinstance(content, dict) and "status" in content:
        _session.send = _send
        content = {k: v for k, v in content.items() if k != "status"}
    return _send(stream, msg_or_type, content, *args, **kwargs)


_session.send = _send_once
