"""Kernels forked from a warm parent that has already imported torch.

A grading kernel spends most of its life starting: about 1 s for the kernel and 2.3 s for
`import torch`, against about a second for a notebook's cells. The zygote is a process that
imports torch, NumPy, matplotlib and ipykernel once and then, on request, forks a child
that becomes a fresh ipykernel. The child starts with those modules already in memory, and
is still a separate process: whatever a submission patches stays in its own kernel and
dies with it. The zygote itself never runs a line of a submission.

ForkingKernelManager is a jupyter_client kernel manager that starts its kernel through a
zygote instead of a new interpreter; nbclient (and so nbgrader's Execute) uses it when
configured with `kernel_manager_class`. Everything else (ZMQ, timeouts, interrupts,
dead-kernel detection) is jupyter_client's own.

Run as `python -m course.zygote`: the protocol is a JSON line per request on stdin,
{"argv": [...], "env": {...}, "cwd": "..."}, answered by {"pid": N} on stdout.
"""

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

# What a grading kernel imports anyway: the kernel's own modules, and the notebooks'.
WARM_MODULES = ("torch", "numpy", "matplotlib.pyplot", "ipykernel.kernelapp",
                "ipykernel.ipkernel", "ipykernel.debugger", "debugpy", "sqlite3", "pdb", "pydoc",
                "xmlrpc.client")


def serve(requests, replies):
    """The zygote's loop: fork a kernel per request until the requests pipe closes."""
    # matplotlib reads the backend when imported; ipykernel sets this one before any cell
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's warning on import
    for name in WARM_MODULES:
        __import__(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    replies.write(json.dumps({"ready": os.getpid()}) + "\n")
    replies.flush()
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, requests, replies)  # never returns
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()


def _become_kernel(request, requests, replies):
    """In the forked child: leave the zygote's pipes and run ipykernel with the request's argv."""
    code = 1
    try:
        os.setsid()  # its own process group, so interrupts and kills reach only this kernel
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for pipe in (requests, replies):  # the zygote's pipes become /dev/null in the kernel
            os.dup2(null, pipe.fileno())
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # ipykernel exits when its parent is not JPY_PARENT_PID; its parent is now the zygote
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
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
    """A zygote process owned by this one; fork() gives the pid of a new kernel."""

    def __init__(self):
        self._lock = threading.Lock()
        self._process = None

    def fork(self, argv, env, cwd):
        with self._lock:
            for attempt in (1, 2):  # a submission may have killed the zygote: start a new one
                if self._process is None or self._process.poll() is not None:
                    self._start()
                try:
                    self._process.stdin.write(
                        json.dumps({"argv": argv, "env": env, "cwd": cwd}) + "\n")
                    self._process.stdin.flush()
                    reply = self._process.stdout.readline()
                    return json.loads(reply)["pid"]
                except (OSError, ValueError, KeyError):
                    self.close()
                    if attempt == 2:
                        raise

    def _start(self):
        self._process = subprocess.Popen(
            [sys.executable, "-m", "course.zygote"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, bufsize=1, start_new_session=True)
        ready = self._process.stdout.readline()
        if "ready" not in ready:
            raise RuntimeError(f"the kernel zygote did not start: {ready!r}")

    def close(self):
        if self._process is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
            self._process = None


_zygote = Zygote()
_socket_dir = []


def _sockets():
    """This process's folder for its kernels' sockets, removed when it exits."""
    if not _socket_dir:
        _socket_dir.append(tempfile.mkdtemp(prefix="course-kernels-"))
        atexit.register(shutil.rmtree, _socket_dir[0], ignore_errors=True)
    return _socket_dir[0]


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
    """LocalProvisioner whose launch forks the zygote instead of starting an interpreter."""

    async def launch_kernel(self, cmd, **kwargs):
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        self.process = ForkedKernel(_zygote.fork(cmd, env, cwd))
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info


class ForkingKernelManager(AsyncKernelManager):
    """A kernel manager for python3 kernels forked from the zygote (see the module doc).

    It talks to its kernel over Unix sockets named after the kernel, not TCP ports: kernels
    started at once by several processes can pick the same free port (jupyter_client's
    port cache is per process), and one of them then fails to start.
    """

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.transport = "ipc"
            self.ip = os.path.join(_sockets(), self.kernel_id)
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
