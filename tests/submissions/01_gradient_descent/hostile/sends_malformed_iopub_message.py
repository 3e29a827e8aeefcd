"""After a correct fit, the fit cell sends on IOPub, as output of its own cell, a message the
Jupyter protocol does not allow: a "stream" message with no text. The grader's nbclient builds
an output from it (nbformat's output_from_msg reads content["text"]) and raised KeyError out of
the cell, so the whole notebook was NOT GRADED. Other malformed outputs break it the same way
(a "display_data" whose transient is a number, an "error" with no ename). What must happen: a
message the grader cannot read is dropped (or the cell fails with a reason); the kernel still
answers, the fit is right, and this submission scores full marks."""

LOSES = []

# %% fit +
_shell = get_ipython()
_kernel = _shell.kernel
_kernel.session.send(_kernel.iopub_socket, "stream", {"name": "stdout"},
                     parent=_shell.parent_header)
