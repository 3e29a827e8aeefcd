"""After a correct fit, the fit cell publishes on IOPub, as output of its own cell, an "error"
whose traceback is one long string instead of a list of strings (the kernel's session is the
student's). nbclient builds the output with nbformat's output_from_msg, which validates it:
NotebookValidationError ("... is not of type 'array'") out of the cell, and the whole notebook
was NOT GRADED. A sibling of sends_malformed_iopub_message (KeyError there), kept apart because
a fix that catches only the errors of a missing key misses this one. What must happen: an
output the grader cannot read or that breaks the notebook format is dropped (or the cell fails
with a reason; the fit cell is no test cell, so it costs nothing), and this submission scores
full marks."""

LOSES = []

# %% fit +
_shell = get_ipython()
_kernel = _shell.kernel
_kernel.session.send(_kernel.iopub_socket, "error",
                     {"ename": "Oops", "evalue": "", "traceback": "not a list " * 50},
                     parent=_shell.parent_header)
