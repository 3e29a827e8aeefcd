"""nbgrader configuration for the autodiff course.

Run nbgrader's commands from this folder (or from a course directory holding a copy of this
file). The gradebook is SQLite in the course directory unless COURSE_DB_URL names another
database, e.g. postgresql://grader@localhost/autodiff on a JupyterHub.
"""

import os

c = get_config()  # noqa: F821  (traitlets injects get_config)

c.CourseDirectory.course_id = "autodiff-course"

# Default: sqlite:///<course root>/gradebook.db. Override for a shared gradebook.
if os.environ.get("COURSE_DB_URL"):
    c.CourseDirectory.db_url = os.environ["COURSE_DB_URL"]

# Every cell gets this long before it is interrupted and marked as failed; the rest of the
# notebook still runs. The slowest solution cell (1000 fit steps) takes well under a second.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# A test cell a student deleted is put back from the gradebook and graded (0 if it fails).
c.OverwriteCells.add_missing_cells = True

# Outputs beyond this are cut in the autograded notebook, so a print in a loop cannot bloat it.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 100
