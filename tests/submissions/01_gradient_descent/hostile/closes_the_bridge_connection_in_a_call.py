"""A full solution whose grad_f, when the examiner calls it on a tensor, closes every socket
of its kernel that is connected to the examiner's bridge socket (found through
/proc/self/fd), then returns the right value: its reply can no longer be sent. What must
happen: the two tests that call grad_f on a tensor fail with a reason, the connection of the
next test cell is a new one and every later test passes, and the students graded with it
keep their scores."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd"]

# %% grad_f
import os
import socket


def _close_bridge():
    for name in os.listdir("/proc/self/fd"):
        try:
            probe = socket.socket(fileno=os.dup(int(name)))
        except OSError:
            continue
        with probe:
            try:
                peer = probe.getpeername()
            except OSError:
                continue
        if isinstance(peer, str) and os.path.basename(peer).startswith("b"):  # kernel/b<hex>
            os.close(int(name))


def grad_f(x):
    if isinstance(x, torch.Tensor):
        _close_bridge()
    return 2 * (x - 0.5)
