"""Kernels forked from a warm parent that has already imported torch, inside a sandbox.

A grading kernel spends most of its life starting: about 1 s for the kernel and 2.3 s for
`import torch`, against about a second for a notebook's cells. The zygote is a process that
imports torch, NumPy, matplotlib and ipykernel once and then, on request, forks a child
that becomes a fresh ipykernel. The child starts with those modules already in memory, and
is still a separate process: whatever a submission patches stays in its own kernel and
dies with it. The zygote itself never runs a line of a submission.

The zygote runs inside a bubblewrap sandbox of its own (course.sandbox) as its PID 1, so
its kernels share its sandbox but cannot reach it: a signal from inside to PID 1 that it
has no handler for (SIGKILL and SIGSTOP included) is dropped by the kernel, it cannot be
traced (not dumpable, and no capabilities), and its pipes are closed in the child. It runs
one kernel at a time; after each it kills every other process in the sandbox (`kill(-1)`
from PID 1), and the scratch folder of that kernel is removed. If the zygote stops
answering it is killed, and with it the whole sandbox, and a new one is started.

ForkingKernelManager is a jupyter_client kernel manager that starts its kernel through a
zygote instead of a new interpreter; nbclient (and so nbgrader's Execute) uses it when
configured with `kernel_manager_class`. Everything else (ZMQ, timeouts, interrupts,
dead-kernel detection) is jupyter_client's own.

Run as `python -m course.zygote`: the protocol is a JSON line per request on stdin,
{"argv": [...], "env": {...}, "cwd": "...", "limits": {...}} answered by {"pid": N} (N as
seen inside the sandbox), and {"reap": true} answered by {"reaped": true}.
"""

import asyncio
import atexit
import contextlib
import ctypes
import gc
import json
import os
import queue
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

from jupyter_client import protocol_version_info
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Type

from course import sandbox
from course.channels import GradingClient

# What a grading kernel imports anyway: the kernel's own modules, and the notebooks'.
# The course's own runtime too: trusted code, read-only, and no kernel's patch of it can reach
# the zygote or another kernel.
WARM_MODULES = ("torch", "numpy", "matplotlib.pyplot", "ipykernel.kernelapp",
                "ipykernel.ipkernel", "ipykernel.debugger", "debugpy", "sqlite3", "pdb", "pydoc",
                "xmlrpc.client", "torch.autograd.functional", "torch.func", "ipywidgets",
                "torch.fx.experimental.symbolic_shapes",  # imported by the first backward()
                "matplotlib_inline.backend_inline", "matplotlib.backends.backend_agg",
                "course.checks", "course.figures", "course.graphs", "course.plots",
                "course.pictures", "course.beyond", "course.bridge", "course.functions")
# The examiner's zygote (course.examiner) runs no submission: it is not sandboxed, and warms
# the examiner's own modules too.
EXAMINER_MODULES = ("course.examiner", "jupyter_client.blocking")
ARENA_OWN = ("work", "home", "tmp", "kernel")  # the zygote's own folders in its arena
START_SECONDS = 180  # to import torch and the rest, even on a busy machine
REPLY_SECONDS = 30  # to answer a request, else it is replaced


def serve(requests, replies, examiner=False, listener=None):
    """The zygote's loop: fork a kernel per request until the requests pipe closes. With a
    listener (a pool's examiners' zygote), requests come over it instead."""
    # matplotlib reads the backend when imported; ipykernel sets this one before any cell
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's warning on import
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no ptrace, no /proc/1/mem
    for name in WARM_MODULES + (EXAMINER_MODULES if examiner else ()):
        __import__(name)
    _warm_tracebacks()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    # What is in memory now stays out of every later garbage collection, in the kernels too:
    # one collection over torch's millions of objects writes to every page they are on, and
    # copying them from the zygote took a forked kernel 0.2 s of CPU (Python's gc.freeze).
    gc.collect()
    gc.freeze()
    _reply(replies, {"ready": os.getpid()})
    if listener is not None:
        return _serve_pool(requests, listener)
    for line in requests:
        request = json.loads(line)
        if request.get("reap") and not examiner:
            _kill_all_but_me()
            _reply(replies, {"reaped": True})
            continue
        zygote = os.getpid()
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, requests, replies, zygote, examiner)  # never returns
        _reply(replies, {"pid": pid})
    # The requests pipe closed: the grader is gone (even killed). The zygote ends, and its
    # kernels with it (PR_SET_PDEATHSIG; in the sandbox, bwrap ends them all).


def _warm_tracebacks():
    """Format a traceback through the course's runtime as IPython formats a failing cell's.

    The first one costs a kernel 0.1-0.5 s (a test cell's failure is formatted twice, for
    the output and for the history): stack_data parses each source file a frame is in, the
    highlighter compiles its rules, inspect maps every module to its file. Done here, the
    kernels start with all of that in memory.
    """
    import stack_data
    from IPython.core.ultratb import AutoFormattedTB

    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        path = getattr(module, "__file__", None)
        if name.split(".")[0] == "course" and path and path.endswith(".py"):
            stack_data.Source.for_filename(path)
    from course import checks

    @checks.check
    def fails():
        raise checks.CheckFailed("warming the traceback formatter")

    try:
        fails()
    except checks.CheckFailed:
        AutoFormattedTB(mode="Context", theme_name="linux").structured_traceback(
            *sys.exc_info())


def _serve_pool(requests, listener):
    """The examiners' zygote of a pool of workers (course.parallel): each worker connects to
    its socket with one request, and gets the pid of its examiner back. It ends when its
    requests pipe closes (the pool's process is gone), and its examiners with it."""
    zygote = os.getpid()
    while True:
        ready, _, _ = select.select([requests, listener], [], [])
        if requests in ready and not requests.readline():
            return
        if listener not in ready:
            continue
        connection, _ = listener.accept()
        with connection:
            try:
                connection.settimeout(REPLY_SECONDS)
                request = json.loads(connection.makefile().readline())
            except (OSError, ValueError):
                continue
            pid = os.fork()
            if pid == 0:
                listener.close()
                connection.close()
                _become_kernel(request, requests, sys.stdout, zygote, examiner=True)
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _reply(replies, message):
    replies.write(json.dumps(message) + "\n")
    replies.flush()


def _kill_all_but_me():
    """Kill every other process of the sandbox: from its PID 1, kill(-1) reaches them all."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass  # there was none


def _become_kernel(request, requests, replies, zygote, examiner=False):
    """In the forked child: leave the zygote's pipes, take the limits, run ipykernel."""
    code = 1
    try:
        os.setsid()  # its own process group, so interrupts reach only this kernel
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: dies with us
        if os.getppid() != zygote:  # the zygote ended before that: end now
            os._exit(1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for pipe in (requests, replies):  # the zygote's pipes become /dev/null in the kernel
            os.dup2(null, pipe.fileno())
        if not examiner:  # and its stderr, the grader's terminal: the submission's to write
            os.dup2(null, 2)
        os.close(null)
        sandbox.Limits(**request["limits"]).apply()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        argv = request["argv"]
        start = argv.index("-m") + 2 if "-m" in argv else 1
        sys.argv = ["ipykernel_launcher", *argv[start:]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


class Zygote:
    """A sandboxed zygote owned by this process; fork() gives the pid of a new kernel.

    Zygote(sandboxed=False) is the examiners' (course.examiner): it never runs a submission,
    so it runs as this process, outside any sandbox, and is never asked to reap.
    """

    def __init__(self, sandboxed=True):
        self.sandboxed = sandboxed
        self._lock = threading.Lock()
        self._process = None
        self.arena = self.uid = None
        self.pool = None  # the socket of a pool's examiners' zygote this one asks (use_pool)

    def serve_pool(self):
        """Start an examiners' zygote that the workers of a pool share (course.parallel): one
        `import torch` for all of them. Returns the address they pass to use_pool. It does not
        wait for the zygote to be ready: the workers' first requests wait in its socket."""
        self.uid = os.geteuid()
        self.arena = sandbox.Scratch(uid=self.uid)
        self.arena.fill(None)
        path = str(self.arena.root / "zygote")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(64)
        env = sandbox.kernel_env(os.environ, self.arena)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "course.zygote", "--examiner", "--listen",
             str(listener.fileno())], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            text=True, start_new_session=True, env=env, pass_fds=[listener.fileno()])
        listener.close()  # the zygote's now: if it dies, a worker's request is refused
        return path

    def use_pool(self, address):
        """Ask the pool's examiners' zygote at address for kernels (serve_pool), rather than
        starting one of this process's own."""
        self.pool = address

    def fork(self, argv, env, cwd, limits):
        """Start a kernel; its pid on this side of the sandbox."""
        with self._lock:
            inner = self._ask({"argv": argv, "env": env, "cwd": cwd,
                               "limits": limits.__dict__})["pid"]
            return self._outer_pid(inner)

    def ensure_started(self):
        """Start the zygote now if it is not running (its arena must exist for a scratch)."""
        with self._lock:
            if self._process is None and (self.pool is None or self.arena is None):
                self._start()

    def reap(self):
        """Kill whatever the last kernel left running in the sandbox, and remove whatever it
        left in the sandbox's writable folder."""
        if not self.sandboxed:
            raise RuntimeError("an examiners' zygote has no sandbox to reap")
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._ask({"reap": True})
            if self.arena is not None:
                for entry in self.arena.root.iterdir():
                    if entry.name in ARENA_OWN:
                        continue
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)

    def _ask(self, request):
        if self.pool is not None:
            try:
                return self._ask_pool(request)
            except (OSError, ValueError, KeyError, TimeoutError):
                self.pool = None  # it is gone: this process starts a zygote of its own
        for attempt in (1, 2):  # a zygote that died or hangs is replaced, once
            if self._process is None or self._process.poll() is not None:
                self._start()
            try:
                self._process.stdin.write(json.dumps(request) + "\n")
                self._process.stdin.flush()
                return json.loads(self._readline(REPLY_SECONDS))
            except (OSError, ValueError, KeyError, TimeoutError):
                self.close()
                if attempt == 2 or request.get("reap"):
                    raise

    def _ask_pool(self, request):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            # the zygote may still be importing torch when the first request comes
            connection.settimeout(START_SECONDS + REPLY_SECONDS)
            connection.connect(self.pool)
            connection.sendall(json.dumps(request).encode() + b"\n")
            return json.loads(connection.makefile().readline())

    def _readline(self, seconds):
        ready, _, _ = select.select([self._process.stdout], [], [], seconds)
        if not ready:
            raise TimeoutError(f"the kernel zygote did not answer in {seconds} s")
        return self._process.stdout.readline()

    def _start(self):
        if self.pool is not None:  # kernels come from the pool's zygote: only a folder here
            self.uid = os.geteuid()
            self.arena = self.arena or sandbox.Scratch(uid=self.uid)
            return None
        if not self.sandboxed:
            return self._start_examiners()
        sandbox.check()
        self.uid = sandbox.sandbox_uid()
        self.arena = sandbox.Scratch(uid=self.uid)
        self.arena.fill(None)
        if os.geteuid() == 0:  # kernels may write in their own scratch folder, not beside it
            for folder in (self.arena.root, self.arena.work):
                os.chown(folder, 0, 0)
                os.chmod(folder, 0o755)
        env = sandbox.kernel_env(os.environ, self.arena)
        argv = sandbox.command([sys.executable, "-m", "course.zygote"], scratch=self.arena.root,
                               env=env, cwd=self.arena.work, uid=self.uid, as_pid_1=True)
        self._launch(argv)
        self._zygote_pid = self._outer_pid(1)

    def _start_examiners(self):
        if self.arena is not None:  # a pool's zygote that could not be reached: no kernels
            self.arena.remove()
        self.uid = os.geteuid()
        self.arena = sandbox.Scratch(uid=self.uid)
        self.arena.fill(None)
        env = sandbox.kernel_env(os.environ, self.arena)
        self._launch([sys.executable, "-m", "course.zygote", "--examiner"], env=env)
        self._zygote_pid = self._process.pid

    def _launch(self, argv, env=None):
        self._process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            start_new_session=True, env=env)
        try:
            ready = self._readline(START_SECONDS)
        except TimeoutError:
            ready = "(no answer)"
        if "ready" not in ready:
            self.close()
            raise RuntimeError(f"the kernel zygote did not start: {ready!r}")

    def _outer_pid(self, inner):
        """The pid, in this process's namespace, of the sandbox's process numbered inner."""
        if not self.sandboxed:
            return inner
        root = self._process.pid if inner == 1 else self._zygote_pid
        pid = sandbox.outer_pid(root, inner)
        if pid is None:
            raise RuntimeError(f"no process {inner} in the zygote's sandbox")
        return pid

    def close(self):
        if self._process is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()  # bwrap: its sandbox dies with it
                self._process.wait(timeout=5)
            self._process = None
        if self.arena is not None:
            self.arena.remove()
            self.arena = None


_zygote = Zygote()
_examiners = Zygote(sandboxed=False)


def close_zygotes():
    """Stop this process's zygotes and remove their folders (at exit)."""
    _zygote.close()
    _examiners.close()


atexit.register(close_zygotes)


def use_pool_examiners(address):
    """Fork this process's examiners from a pool's shared zygote (Zygote.serve_pool)."""
    _examiners.use_pool(address)


class ForkedKernel:
    """What jupyter_client's LocalProvisioner expects of a Popen, for a forked kernel."""

    stdin = stdout = stderr = None

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 1  # its exit status went to the zygote, which ignores it
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("forked kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner whose launch forks its kernel manager's zygote instead of starting an
    interpreter."""

    async def launch_kernel(self, cmd, **kwargs):
        km = self.parent
        km.scratch.fill(kwargs.get("cwd"))
        env = sandbox.kernel_env(kwargs.get("env") or os.environ, km.scratch)
        pid = km.zygote.fork(cmd, env, str(km.scratch.work), km.kernel_limits())
        self.process = ForkedKernel(pid)
        self.pid = self.pgid = pid
        self.cwd = str(km.scratch.work)
        return self.connection_info

    async def kill(self, restart=False):
        """SIGKILL, then wait for the kernel to be gone: jupyter_client polls every 0.1 s
        otherwise, and a forked kernel is gone in a few milliseconds."""
        await super().kill(restart=restart)
        for _ in range(50):
            if self.process is None or self.process.poll() is not None:
                break
            await asyncio.sleep(0.002)

    async def cleanup(self, restart=False):
        await super().cleanup(restart=restart)
        if not restart:
            self.parent.kernel_done()


class ReadyClient(GradingClient):
    """The grader's client (course.channels), ready as soon as its kernel has answered on
    shell and IOPub.

    Its parent's wait_for_ready then listens to IOPub until it has been quiet for 0.2 s, on
    every kernel start: a fifth of a second per notebook, twice with the examiner. Nothing
    needs that quiet here: nbclient matches each message to the request it answers.
    """

    async def wait_for_ready(self, timeout=None):
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except queue.Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # IOPub is connected once it brings something (the reply's status)
                    await self.iopub_channel.get_msg(timeout=0.2)
                except queue.Empty:
                    pass
                else:
                    major = int(reply["content"]["protocol_version"].split(".")[0])
                    if major != protocol_version_info[0]:
                        self.session.adapt_version = major
                    return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class ForkingKernelManager(sandbox.Sandbox, AsyncKernelManager):
    """A kernel manager for python3 kernels forked from the zygote (see the module doc).

    It talks to its kernel over Unix sockets in the kernel's scratch folder, not TCP ports:
    kernels started at once by several processes can pick the same free port (jupyter_client's
    port cache is per process), and one of them then fails to start.
    """

    zygote = _zygote
    client_factory = Type(ReadyClient, klass=AsyncKernelClient, config=True)

    def kernel_limits(self):
        return self.limits

    def kernel_done(self):
        self.zygote.reap()  # whatever the kernel left running, and its scratch folder

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.zygote.ensure_started()
            self.scratch = sandbox.Scratch(parent=self.zygote.arena.root, uid=self.zygote.uid)
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.transport = "ipc"
            self.ip = str(self.scratch.kernel / "ipc")
            self.connection_file = str(self.scratch.kernel / "connection.json")
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class ExaminerKernelManager(ForkingKernelManager):
    """A kernel manager for examiners (course.examiner), forked from a warm parent of their
    own that never runs a submission (no sandbox, no process limit: it runs as the grader)."""

    zygote = _examiners

    def kernel_limits(self):
        return sandbox.Limits(memory=self.memory, processes=None, file_size=self.file_size)

    def kernel_done(self):
        self.scratch.remove()


if __name__ == "__main__":
    _listener = None
    if "--listen" in sys.argv:  # a pool's examiners' zygote (Zygote.serve_pool)
        _listener = socket.socket(fileno=int(sys.argv[sys.argv.index("--listen") + 1]))
    serve(sys.stdin, sys.stdout, examiner="--examiner" in sys.argv, listener=_listener)
