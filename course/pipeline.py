"""The instructor cycle, thin over nbgrader's own API: release, autograde, feedback, export.

Everything happens in a course directory: a folder with nbgrader_config.py, source/ and,
as nbgrader makes them, release/, submitted/, autograded/, feedback/ and gradebook.db.
"""

import os
import shutil
import sys
import time
import warnings
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins import CsvExportPlugin
from sqlalchemy.exc import SAWarning
from traitlets.config.loader import PyFileConfigLoader

from course import submissions


# nbgrader runs `alembic` to create a gradebook, found on PATH: make it this environment's,
# also when this Python was started as .venv/bin/python without activating the environment.
_bin = str(Path(sys.executable).parent)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join([_bin, os.environ.get("PATH", "")])


# nbgrader 0.9.6's gradebook code warns on every autograde; nothing an instructor can act on.
warnings.filterwarnings("ignore", category=SAWarning, message="Object of type")


class PipelineError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own log."""


def make_course_dir(root, assignments=None):
    """A new course directory at root holding this course's config and source notebooks."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(submissions.ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for assignment in assignments or submissions.assignments():
        shutil.copytree(submissions.SOURCE / assignment, root / "source" / assignment,
                        dirs_exist_ok=True)
    return root


class Course:
    """nbgrader's API on one course directory, with the config file found there."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        self.coursedir = CourseDirectory(config=config)
        self.api = NbGraderAPI(coursedir=self.coursedir, config=config)

    @property
    def db_url(self):
        return self.coursedir.db_url

    def _run(self, what, result):
        if not result.get("success"):
            raise PipelineError(f"{what} failed:\n{result.get('error') or ''}\n{result.get('log')}")
        return result

    def generate(self, assignment):
        """nbgrader generate_assignment: the student version in release/<assignment>/."""
        self._run(f"generate_assignment {assignment}",
                  self.api.generate_assignment(assignment, force=True))
        return self.root / "release" / assignment

    def submit(self, assignment, student, nb):
        """Put a notebook where nbgrader collects it: submitted/<student>/<assignment>/."""
        folder = self.root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{submissions.notebook_name(assignment)}.ipynb")

    def autograde(self, assignment, students, out=sys.stdout):
        """nbgrader autograde, one student at a time, printing a line of progress for each."""
        started = time.perf_counter()
        for i, student in enumerate(students, 1):
            t0 = time.perf_counter()
            result = self.api.autograde(assignment, student, force=True, create=True)
            took = time.perf_counter() - t0
            if result.get("success"):
                score, total = self.total(assignment, student)
                status = f"{score:g}/{total:g}"
            else:
                status = "NOT GRADED (see the log above)"
                print(result.get("log", ""), file=out)
            print(f"[{i:>{len(str(len(students)))}}/{len(students)}] {assignment} {student:<34} "
                  f"{status:>8}  {took:5.1f} s", file=out, flush=True)
        if students:
            spent = time.perf_counter() - started
            print(f"autograded {len(students)} submissions in {spent:.1f} s "
                  f"({spent / len(students):.1f} s each)", file=out, flush=True)

    def feedback(self, assignment):
        """nbgrader generate_feedback for every graded submission of the assignment."""
        self._run(f"generate_feedback {assignment}", self.api.generate_feedback(assignment))
        return self.root / "feedback"

    def export(self, path):
        """nbgrader export: the gradebook as CSV, one row per student and assignment."""
        with Gradebook(self.db_url) as gradebook:
            CsvExportPlugin(to=str(path)).export(gradebook)
        return Path(path)

    def scores(self, assignment, student):
        """test-cell grade_id -> (score, max score) of the autograded cells of one submission."""
        notebook = submissions.notebook_name(assignment)
        with Gradebook(self.db_url) as gradebook:
            try:
                submitted = gradebook.find_submission_notebook(notebook, assignment, student)
            except MissingEntry:
                return {}
            return {grade.name: (grade.score, grade.max_score) for grade in submitted.grades
                    if grade.cell_type == "code" and grade.auto_score is not None}

    def total(self, assignment, student):
        cells = self.scores(assignment, student).values()
        return sum(s for s, _ in cells), sum(m for _, m in cells)


def question_of(test_id, questions):
    """The solution grade_id a test cell belongs to: test_<thing> or test_<thing>_<property>."""
    name = test_id.removeprefix("test_")
    matches = [q for q in questions if name == q or name.startswith(q + "_")]
    return max(matches, key=len) if matches else name


def score_table(course, assignment, students):
    """A text table: a row per student, a column per question, scores summed over its tests."""
    questions = list(submissions.nbgrader_cells(submissions.read_source(assignment),
                                                solution=True, grade=False))
    rows = []
    for student in students:
        per_question = {}
        for test_id, (score, top) in course.scores(assignment, student).items():
            got, most = per_question.get(question_of(test_id, questions), (0.0, 0.0))
            per_question[question_of(test_id, questions)] = (got + score, most + top)
        rows.append((student, per_question))
    columns = [q for q in questions if any(q in r for _, r in rows)]
    width = max([len("student")] + [len(s) for s in students])
    lines = ["  ".join([f"{'student':<{width}}"] + [f"{c:>{max(len(c), 5)}}" for c in columns]
                       + ["  total"])]
    for student, per_question in rows:
        cells = [_fraction(per_question.get(c), max(len(c), 5)) for c in columns]
        got = sum(s for s, _ in per_question.values())
        top = sum(m for _, m in per_question.values())
        total = f"{got:g}/{top:g}" if per_question else "not graded"
        lines.append("  ".join([f"{student:<{width}}"] + cells + [f"{total:>7}"]))
    return "\n".join(lines)


def _fraction(pair, width):
    text = "-" if pair is None else f"{pair[0]:g}/{pair[1]:g}"
    return f"{text:>{width}}"
