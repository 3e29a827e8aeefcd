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

# Kernels log only errors: otherwise each one warns on the grader's terminal that it talks
# over TCP on localhost, once per notebook graded.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]

# A test cell a student deleted is put back from the gradebook and graded (0 if it fails).
c.OverwriteCells.add_missing_cells = True

# Outputs beyond this are cut in the autograded notebook, so a print in a loop cannot bloat it.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 100

# Holes nbgrader 0.9.6 leaves open, closed by course/preprocessors.py:
# - a submission that kills its kernel keeps the points of the cells before the crash
#   (plain nbgrader records no grade for it at all);
# - feedback shows the visible checks and every message, never the hidden tests' source.
from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from course.feedback import AwaitingHandGrading  # noqa: E402
from course.preprocessors import HideHiddenTests, ResilientExecute  # noqa: E402

# Test cells run in an examiner, a kernel that never runs the submission (course.examiner).
# An assignment listed here would run its test cells in the student's kernel: none does.
c.ResilientExecute.examiner_skips = []

c.Autograde.autograde_preprocessors = [
    ResilientExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata,
]
# Written answers no one has graded yet show as "awaiting hand grading", not "Score: 0.0".
# (AwaitingHandGrading is nbgrader's GetGrades and that.)
c.GenerateFeedback.preprocessors = [AwaitingHandGrading, CSSHTMLHeaderPreprocessor,
                                    HideHiddenTests]

# Feedback and formgrader render a submission's markdown and outputs as HTML: nothing in it may
# run (scripts, event handlers, javascript: links, frames, JavaScript outputs, widgets). Set on
# HTMLExporter, which both read: `nbgrader generate_feedback` and formgrader, which builds
# HTMLExporter(config=...) from this file. nbconvert's sanitize_html leaves markdown cells
# uncleaned in nbgrader's templates and escapes even <p>; course/preprocessors.py says how the
# rest is closed, with bleach.
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.filters = {
    "clean_html": "course.preprocessors.clean_html",
    "strip_files_prefix": "course.preprocessors.clean_markdown_html",
}
c.HTMLExporter.preprocessors = ["course.preprocessors.SanitizeOutputs"]
