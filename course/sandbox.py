"""The sandbox around every kernel that runs a submission: bubblewrap, configured.

A kernel that runs a student's code sees, through bubblewrap (`bwrap`, Debian's package
`bubblewrap`), only this:

- the system (/usr, /etc) and the Python environment, read-only, and the `course` package;
- its scratch folder: a copy of its notebook's folder as the working directory, an empty
  HOME and TMPDIR, and its own connection file and sockets;
- no network, its own PID namespace (the grader, a zygote, a worker or another kernel are
  out of sight and reach), a new session, a cleared environment;
- limits: address space, processes, file size, no core dumps.

As root, bwrap makes the namespaces itself and the kernel runs as a user id of its own
(setpriv drops every capability), so the process limit counts only that sandbox. As any
other user, bwrap makes a user namespace too. The course directory (gradebook, source/,
release/, submitted/, autograded/, config, logs) is never mounted.

Two kernel managers use it: SandboxedKernelManager starts each kernel in a new sandbox
(plain `nbgrader autograde`, through nbgrader_config.py), and course.zygote forks kernels
from a warm parent that lives in a sandbox of its own (the fast path of `grade`).
"""

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Integer, Type
from traitlets.config import LoggingConfigurable

import course
from course.channels import GradingClient

OPT_OUT = "COURSE_NO_SANDBOX"  # =1: run submissions unsandboxed (a trusted class only)
HOW_TO_INSTALL = (
    "Grading runs every submission inside bubblewrap. Install it (Debian/Ubuntu: "
    "`sudo apt-get install bubblewrap`; `make` does it when run as root) and, when not "
    "grading as root, allow unprivileged user namespaces (`sysctl kernel."
    "unprivileged_userns_clone=1` on older Debian; on Ubuntu 24.04 an AppArmor profile "
    "for bwrap). To grade a trusted class without it, set COURSE_NO_SANDBOX=1 "
    "(or `python -m course grade --no-sandbox`).")

# What a kernel may read of the system; the Python environment and the course package are
# added where they are.
SYSTEM = ("/usr", "/etc")
MERGED = ("/bin", "/lib", "/lib64", "/sbin")  # symlinks into /usr on merged-usr systems


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot make namespaces here."""


@dataclass(frozen=True)
class Limits:
    """What one sandboxed kernel may use. Sizes in bytes."""

    memory: int
    processes: int
    file_size: int
    open_files: int = 1024

    def rlimits(self):
        import resource

        found = {resource.RLIMIT_AS: self.memory, resource.RLIMIT_NPROC: self.processes,
                 resource.RLIMIT_FSIZE: self.file_size, resource.RLIMIT_CORE: 0,
                 resource.RLIMIT_NOFILE: self.open_files}
        return {which: value for which, value in found.items() if value is not None}

    def apply(self):
        """Set these limits on this process (and so on everything it starts)."""
        import resource

        for which, value in self.rlimits().items():
            resource.setrlimit(which, (value, value))

    def prlimit_argv(self):
        """The same limits as a util-linux prlimit command prefix."""
        return ["prlimit", f"--as={self.memory}", f"--nproc={self.processes}",
                f"--fsize={self.file_size}", "--core=0", f"--nofile={self.open_files}", "--"]


class Sandbox(LoggingConfigurable):
    """The limits of a sandboxed kernel, configurable as c.Sandbox.<name> in
    nbgrader_config.py (both kernel managers below take them)."""

    memory = Integer(4 << 30, help="Bytes of address space per process (torch itself maps "
                     "about 0.7 GiB).").tag(config=True)
    processes = Integer(64, help="Processes and threads of the sandbox's user, the kernel's "
                        "own threads included.").tag(config=True)
    file_size = Integer(64 << 20, help="Bytes of the largest file a kernel may write."
                        ).tag(config=True)

    @property
    def limits(self):
        return Limits(memory=self.memory, processes=self.processes, file_size=self.file_size)


def disabled():
    return os.environ.get(OPT_OUT) == "1"


def bwrap():
    return shutil.which(os.environ.get("COURSE_BWRAP", "bwrap"))


_checked = []


def check():
    """Raise SandboxUnavailable, saying what to do, unless bwrap can make a sandbox here."""
    if _checked or disabled():
        return
    found = bwrap()
    if not found:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed. {HOW_TO_INSTALL}")
    with tempfile.TemporaryDirectory(prefix="course-sandbox-check-") as scratch:
        uid = sandbox_uid()
        Scratch.own(Path(scratch), uid)
        # the kernel's own Python and the course package must be readable by its user
        argv = command([sys.executable, "-c", "import course"], scratch=Path(scratch),
                       env={}, cwd=scratch, uid=uid)
        try:
            probe = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SandboxUnavailable(f"bwrap could not run: {error}. {HOW_TO_INSTALL}") from None
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bwrap cannot make a sandbox here: {probe.stderr.strip()[:300]}. {HOW_TO_INSTALL}")
    _checked.append(found)


def sandbox_uid():
    """A user id of the sandbox's own when grading as root (nobody else runs as it), else
    ours (the user namespace maps it)."""
    if os.geteuid() == 0 and not disabled():
        return random.SystemRandom().randrange(1 << 20, 1 << 30)
    return os.geteuid()


def readable():
    """Folders a kernel reads: the Python installation, this environment, the course package."""
    paths = {Path(sys.base_prefix), Path(sys.prefix), Path(course.__file__).parent}
    paths |= {Path(sys.executable).resolve().parent.parent}
    paths = {p.resolve() for p in paths if p.exists()}
    inside = {p for p in paths if any(q != p and q in p.parents for q in paths)}
    return sorted(paths - inside)


def command(inner, *, scratch, env, cwd, uid=None, as_pid_1=False, limits=None):
    """The bwrap command line that runs `inner` in a sandbox whose only writable place is
    the scratch folder (mounted at its own path, so paths mean the same inside and out).
    With the sandbox turned off (COURSE_NO_SANDBOX=1), just `inner`."""
    if disabled():
        return list(inner)
    argv = [bwrap() or "bwrap", "--die-with-parent", "--new-session", "--unshare-ipc",
            "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    root = os.geteuid() == 0
    if not root:
        argv.append("--unshare-user")
    if as_pid_1:
        argv.append("--as-pid-1")
    for path in SYSTEM:
        if os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    for path in MERGED:
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev", "--perms", "0755", "--size", str(16 << 20),
             "--tmpfs", "/tmp"]
    made = set()
    for path in [*readable(), Path(scratch)]:
        for parent in reversed(path.parents):
            if str(parent) not in ("/", "/tmp", *SYSTEM) and parent not in made:
                argv += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        bind = "--bind" if path == Path(scratch) else "--ro-bind"
        argv += [bind, str(path), str(path)]
    argv += ["--clearenv"]
    for key, value in env.items():
        argv += ["--setenv", key, value]
    argv += ["--chdir", str(cwd)]
    if root:  # drop to the sandbox's own user, with no capabilities at all
        uid = uid if uid is not None else sandbox_uid()
        argv += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                 "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all"]
    argv.append("--")
    if limits is not None:
        argv += limits.prlimit_argv()
    return argv + list(inner)


# What a kernel's environment may hold: nothing of the grader's but these.
PASSED_ON = ("LANG", "LC_ALL", "MPLBACKEND", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
             "PYDEVD_DISABLE_FILE_VALIDATION")


def kernel_env(env, scratch):
    """The environment of a sandboxed kernel, from the one jupyter_client would give it."""
    kept = {key: env[key] for key in PASSED_ON if key in env}
    kept.setdefault("LANG", "C.UTF-8")
    kept.update(HOME=str(scratch.home), TMPDIR=str(scratch.tmp),
                MPLCONFIGDIR=str(scratch.matplotlib),
                PATH=os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
                PYDEVD_DISABLE_FILE_VALIDATION="1",
                JPY_PARENT_PID="1")  # ipykernel: no parent to poll (the sandbox dies with it)
    return kept


class Scratch:
    """A kernel's only writable place: work/ (a copy of its notebook's folder), home/, tmp/,
    kernel/ (connection file and sockets). Removed with everything in it at the end."""

    COPY_AT_MOST = 64 << 20  # bytes of the notebook's folder copied in

    def __init__(self, parent=None, uid=None):
        self.root = Path(tempfile.mkdtemp(prefix="course-kernel-", dir=parent))
        self.uid = sandbox_uid() if uid is None else uid
        self.work, self.home, self.tmp, self.kernel = (
            self.root / name for name in ("work", "home", "tmp", "kernel"))
        for folder in (self.home, self.tmp, self.kernel):
            folder.mkdir()
        self.matplotlib = self.home / ".matplotlib"
        self.matplotlib.mkdir()
        for cache in _font_cache():
            shutil.copy(cache, self.matplotlib)

    def fill(self, folder):
        """Copy the notebook's folder as the working dir: its files and folders only (no
        links, pipes or devices), up to COPY_AT_MOST bytes."""
        budget = [self.COPY_AT_MOST]

        def skip(where, names):
            skipped = []
            for name in names:
                path = os.path.join(where, name)
                info = os.lstat(path)
                plain = stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)
                if not plain or info.st_size > budget[0]:  # links, pipes, devices, too big
                    skipped.append(name)
                else:
                    budget[0] -= info.st_size
            return skipped

        if folder and os.path.isdir(folder):
            shutil.copytree(folder, self.work, ignore=skip, symlinks=False)
        else:
            self.work.mkdir()
        Scratch.own(self.root, self.uid)

    @staticmethod
    def own(root, uid):
        """Give the tree to the sandbox's user (as root), readable by it in any case."""
        for where, dirs, files in os.walk(root):
            for name in [where, *(os.path.join(where, n) for n in dirs + files)]:
                if os.geteuid() == 0:
                    os.lchown(name, uid, uid)
                os.chmod(name, os.lstat(name).st_mode | stat.S_IRUSR | stat.S_IWUSR)

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


_font_caches = []


def _font_cache():
    """matplotlib's list of this machine's fonts, built once here: a kernel whose HOME is
    empty would spend seconds building its own, and print fontconfig's complaints."""
    if not _font_caches:
        import matplotlib
        import matplotlib.font_manager  # noqa: F401  (builds the list if there is none)

        _font_caches.extend(sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json")))
    return _font_caches


class SandboxedKernelManager(Sandbox, AsyncKernelManager):
    """A kernel manager whose kernels each start in a new sandbox, talking over Unix sockets
    in their scratch folder."""

    client_factory = Type(GradingClient, klass=AsyncKernelClient, config=True)

    async def _async_pre_start_kernel(self, **kw):
        check()
        self.scratch = Scratch()
        self.transport = "ipc"
        self.ip = str(self.scratch.kernel / "ipc")
        self.connection_file = str(self.scratch.kernel / "connection.json")
        self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
        self.provisioner = SandboxProvisioner(
            kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class SandboxProvisioner(LocalProvisioner):
    """LocalProvisioner that launches the kernel command inside bwrap."""

    async def launch_kernel(self, cmd, **kwargs):
        km = self.parent
        scratch = km.scratch
        scratch.fill(kwargs.get("cwd"))
        env = kernel_env(kwargs.get("env") or os.environ, scratch)
        argv = command(_plain_python(cmd), scratch=scratch.root, env=env, cwd=scratch.work,
                       uid=scratch.uid, limits=km.limits)
        kwargs["cwd"] = str(scratch.root)
        kwargs["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        # What the kernel writes to its own stdout and stderr is the submission's: not the
        # grader's terminal (escapes that clear it, a forged summary line).
        kwargs["stdout"] = kwargs["stderr"] = subprocess.DEVNULL
        return await super().launch_kernel(argv, **kwargs)

    async def send_signal(self, signum):
        """An interrupt goes to the kernel itself (PID 2 of its sandbox: bwrap's init is 1),
        which runs in a session of its own inside; other signals go to bwrap, and what bwrap
        started dies with it."""
        if signum == signal.SIGINT and self.process is not None:
            kernel = outer_pid(self.process.pid, 2)
            if kernel is not None:
                os.kill(kernel, signum)
            return
        await super().send_signal(signum)

    async def cleanup(self, restart=False):
        await super().cleanup(restart=restart)
        if not restart:
            self.parent.scratch.remove()


def outer_pid(root, inner):
    """The pid here of the process numbered inner in the PID namespace of root's sandbox:
    the descendant of root whose last NSpid is inner (None if there is none)."""
    todo = [root]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            if _nspid(child)[-1:] == [inner]:
                return child
            todo.append(child)
    return None


def _nspid(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("NSpid:"):
                return [int(n) for n in line.split()[1:]]
    except OSError:
        pass
    return []


def _plain_python(cmd):
    """The kernel command with this Python (the sandbox has the same paths)."""
    return [sys.executable if part in ("python", "python3") else part for part in cmd]
