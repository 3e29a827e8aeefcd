"""A correct f, and in the same cell an attack on the kernel's own working folder: every .ipynb
in os.getcwd() and in its parent is overwritten with text holding the marker
PWNED-overwrites_own_submission (not even valid JSON), and new files are created there. On the
fast path the kernel runs in submitted/<student>/<assignment>/, so this replaces the very file
nbgrader is about to grade. What must happen: the kernel works in a scratch copy, so the
submitted and autograded notebooks are the real ones, no PWNED- file appears in submitted/,
autograded/ or feedback/, and this submission scores full marks."""

LOSES = []

# %% f
import os
import pathlib


def _overwrite_own_folder():
    mark = "PWNED" + "-overwrites_own_submission"
    here = pathlib.Path(os.getcwd()).resolve()
    written = 0
    for folder in (here, here.parent):
        for nb in list(folder.glob("*.ipynb"))[:20]:
            nb.write_text(f"{mark}: this notebook was overwritten while it was graded\n")
            written += 1
        (folder / f"{mark}.txt").write_text(mark)
        written += 1
    return written


try:
    print(f"wrote {_overwrite_own_folder()} files")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
