"""After a correct fit, the fit cell never ends, and sends the grader's client a stream of junk
messages on the shell channel (the kernel's shell socket routes to the identity the cell's
request came from: kernel._parent_ident["shell"]). nbclient waits for the cell's reply with a
deadline it only acts on when no message at all arrived (queue.Empty): a kernel that keeps
talking without replying is never timed out, never interrupted. On the fast path the grader
hung (killed after 4 and 6 minutes); on the plain path the 10 s cell ran 3.4 minutes, and
test_fit was then "not run" for the notebook's time. What must happen: the cell is interrupted
at its limit like any endless cell (the junk counts for nothing), the interrupt ends it, and
since w and b were set before the loop this submission scores full marks."""

LOSES = []

# %% fit +
_kernel = get_ipython().kernel
_ident = _kernel._parent_ident["shell"]
_socket = _kernel.shell_stream.socket
while True:
    _kernel.session.send(_socket, "comm_msg", {"comm_id": "junk", "data": {}}, ident=_ident)
