"""The instructor cycle, thin over nbgrader's own API: release, autograde, feedback, export.

Everything happens in a course directory: a folder with nbgrader_config.py, source/ and,
as nbgrader makes them, release/, submitted/, autograded/, feedback/ and gradebook.db.
"""

import csv
import os
import re
import shutil
import sys
import time
import unicodedata
import warnings
from collections import Counter, defaultdict
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


# Terminal escape sequences: what a submission could hide in an exception message or a folder
# name to clear the grader's screen (\x1b[2J), retitle the window (\x1b]0;...\x07), forge
# colours or move the cursor over earlier lines. ECMA-48: CSI, OSC, the other strings
# (DCS, SOS, PM, APC), then two-character escapes.
_ESCAPE_SEQUENCE = re.compile(r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?
    | \x1b\] [^\x07\x1b]* (?:\x07|\x1b\\)?
    | \x1b[PX^_] [^\x1b]* (?:\x1b\\)?
    | \x1b [ -/]* [0-~]?
""", re.VERBOSE)
# Characters that reorder what follows them on screen (U+202A-U+202E, U+2066-U+2069).
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text, newlines=False):
    r"""text, from a submission, safe to print on a terminal: no escape sequences, and no
    control characters (C0, DEL, C1 such as the one-byte CSI \x9b, bidi overrides).

    Tabs and carriage returns become spaces, and so do newlines unless newlines is true:
    a one-line message cannot then forge a line of its own.
    """
    text = _ESCAPE_SEQUENCE.sub("", str(text))
    kept = []
    for char in text:
        if char == "\n" and newlines:
            kept.append(char)
        elif char in "\t\r\n":
            kept.append(" ")
        elif unicodedata.category(char) != "Cc" and char not in _BIDI:
            kept.append(char)
    return "".join(kept)


class PipelineError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own log."""


def make_course_dir(root, assignments=None, extra_config=""):
    """A new course directory at root holding this course's config and source notebooks.

    extra_config is appended to the copied nbgrader_config.py (e.g. a shorter cell timeout).
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    config = (submissions.ROOT / "nbgrader_config.py").read_text()
    if extra_config:
        config += f"\n{extra_config}\n"
    (root / "nbgrader_config.py").write_text(config)
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
        self.config = config
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

    def knows(self, assignment):
        """Whether the gradebook has the assignment (nbgrader can only autograde those)."""
        with Gradebook(self.db_url) as gradebook:
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                return False
        return True

    def notebook(self, assignment):
        """The name (without .ipynb) of the assignment's one notebook in this course, from its
        source/ folder, its release/ folder, or else its gradebook (a course directory that
        holds only what grading needs)."""
        for folder in ("source", "release"):
            if (self.root / folder / assignment).is_dir():
                return submissions.notebook_name_in(self.root / folder, assignment)
        with Gradebook(self.db_url) as gradebook:
            try:
                names = [nb.name for nb in gradebook.find_assignment(assignment).notebooks]
            except MissingEntry:
                names = []
        if len(names) == 1:
            return names[0]
        raise PipelineError(f"{assignment}: no such assignment in {self.root}/source, "
                            f"{self.root}/release or the gradebook")

    def submit(self, assignment, student, nb):
        """Put a notebook where nbgrader collects it: submitted/<student>/<assignment>/."""
        folder = self.root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{self.notebook(assignment)}.ipynb")

    def students(self, assignment):
        """The students with a submission of the assignment in submitted/, sorted."""
        folder = self.root / "submitted"
        return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir()) \
            if folder.is_dir() else []

    def submission_path(self, assignment, student):
        return self.root / "submitted" / student / assignment / f"{self.notebook(assignment)}.ipynb"

    def repair(self, assignment, student):
        """Make an unreadable submission gradable: None if it was fine, else the reason.

        A file that is not a valid notebook, or that lost nbgrader's cell metadata, would be
        dropped by nbgrader with no grade. It is moved aside (suffix .broken) and replaced by
        the blank student version with a first cell saying why, which grades as 0.
        """
        path = self.submission_path(assignment, student)
        reason = _unreadable(path)
        if reason is None:
            return None
        path.rename(path.with_name(path.name + ".broken"))
        nb = nbformat.read(self.root / "release" / assignment / path.name, as_version=4)
        note = nbformat.v4.new_markdown_cell(
            f"**This submission could not be graded as submitted: {reason}.** It was graded "
            f"as an empty notebook. Your file is kept for your instructor as "
            f"`{path.name}.broken`.")
        note.id = "submission-could-not-be-graded"
        nb.cells.insert(0, note)
        nbformat.write(nb, path)
        return reason

    def autograde(self, assignment, students, out=None, pool=None):
        """nbgrader autograde, one student at a time, with a line of progress and an ETA each.

        With a course.parallel.Pool, the notebooks run in its workers, ahead of nbgrader.
        Returns the students nbgrader could not grade, with the last lines of its log.
        """
        out = out or sys.stdout
        started, failed = time.perf_counter(), {}
        width = len(str(len(students)))
        if pool is not None:
            pool.prefetch(assignment, students)
        for i, student in enumerate(students, 1):
            t0 = time.perf_counter()
            if pool is not None:
                result = pool.autograde(assignment, student)
            else:
                result = self.api.autograde(assignment, student, force=True, create=True)
            took = time.perf_counter() - t0
            if result.get("success"):
                score, total = self.total(assignment, student)
                status = f"{score:g}/{total:g}"
            else:
                status = "NOT GRADED"
                failed[student] = _last_error(result.get("log", "") + (result.get("error") or ""))
            left = (time.perf_counter() - started) / i * (len(students) - i)
            eta = f"  eta {_duration(left)}" if i < len(students) else ""
            print(f"{_bar(i, len(students))} [{i:>{width}}/{len(students)}] {assignment} "
                  f"{printable(student):<34} {status:>10}"
                  f"  {took:5.1f} s{eta}", file=out, flush=True)
        if students:
            spent = time.perf_counter() - started
            print(f"autograded {len(students)} submissions in {_duration(spent)} "
                  f"({spent / len(students):.1f} s each)", file=out, flush=True)
        return failed

    def feedback(self, assignment, students=None):
        """nbgrader generate_feedback, for each student (all graded ones by default).

        One at a time, so that one failure does not stop the others; returns the failures.
        """
        if students is None:
            self._run(f"generate_feedback {assignment}", self.api.generate_feedback(assignment))
            return {}
        failed = {}
        for student in students:
            result = self.api.generate_feedback(assignment, student)
            if not result.get("success"):
                failed[student] = _last_error(result.get("log", "") + (result.get("error") or ""))
        return failed

    def messages(self, assignment, student):
        """test-cell grade_id -> the first line of its error in the autograded notebook."""
        name = f"{self.notebook(assignment)}.ipynb"
        path = self.root / "autograded" / student / assignment / name
        if not path.is_file():
            return {}
        found = {}
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            if grade_id.startswith("test_") and errors:
                found[grade_id] = f"{errors[-1].ename}: {errors[-1].evalue}".split("\n")[0]
        return found

    def export(self, path):
        """nbgrader export: the gradebook as CSV, one row per student and assignment, with a
        last column, awaiting_hand_grading: how many written answers no one has graded yet
        (their points are not in the score)."""
        with Gradebook(self.db_url) as gradebook:
            CsvExportPlugin(to=str(path)).export(gradebook)
            with open(path, newline="") as handle:
                rows = list(csv.reader(handle))
            header, body = rows[0], rows[1:]
            where = {name: header.index(name) for name in ("assignment", "student_id")}
            with open(path, "w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([*header, "awaiting_hand_grading"])
                for row in body:  # one gradebook for them all: a row per student and assignment
                    waiting = self._awaiting_hand_grading(gradebook, row[where["assignment"]],
                                                          row[where["student_id"]])
                    writer.writerow([*row, len(waiting)])
        return Path(path)

    def awaiting_hand_grading(self, assignment, student):
        """The grade_ids of the written answers in a submission that no one has graded yet."""
        with Gradebook(self.db_url) as gradebook:
            return self._awaiting_hand_grading(gradebook, assignment, student)

    def _awaiting_hand_grading(self, gradebook, assignment, student):
        notebook = self.notebook(assignment)
        try:
            found = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return []
        return [grade.name for nb in found.notebooks
                if nb.name == notebook
                for grade in nb.grades
                if grade.cell_type == "markdown" and grade.needs_manual_grade
                and grade.manual_score is None]

    def scores(self, assignment, student):
        """test-cell grade_id -> (score, max score) of the autograded cells of one submission."""
        return self.class_scores(assignment, [student])[student]

    def class_scores(self, assignment, students):
        """student -> their scores (as scores gives them), read in one visit to the gradebook
        (opening it costs more than reading a submission's grades)."""
        notebook = self.notebook(assignment)
        found = {}
        with Gradebook(self.db_url) as gradebook:
            for student in students:
                try:
                    submitted = gradebook.find_submission_notebook(notebook, assignment, student)
                except MissingEntry:
                    found[student] = {}
                    continue
                found[student] = {grade.name: (grade.score, grade.max_score)
                                  for grade in submitted.grades
                                  if grade.cell_type == "code" and grade.auto_score is not None}
        return found

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
    source = course.root / "source" / assignment / f"{course.notebook(assignment)}.ipynb"
    questions = list(submissions.nbgrader_cells(nbformat.read(source, as_version=4),
                                                solution=True, grade=False))
    rows = []
    every = course.class_scores(assignment, students)
    for student in students:
        per_question = {}
        for test_id, (score, top) in every[student].items():
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
        lines.append("  ".join([f"{printable(student):<{width}}"] + cells + [f"{total:>7}"]))
    return "\n".join(lines)


def _fraction(pair, width):
    text = "-" if pair is None else f"{pair[0]:g}/{pair[1]:g}"
    return f"{text:>{width}}"


def failure_summary(course, assignment, students):
    """Per test cell: how many students lost its points, and the most common message."""
    lost, said = Counter(), defaultdict(Counter)
    every = course.class_scores(assignment, students)
    for student in students:
        messages = course.messages(assignment, student)
        for cell, (score, top) in every[student].items():
            if score < top:
                lost[cell] += 1
                if cell in messages:
                    said[cell][messages[cell]] += 1
    lines = []
    for cell, count in lost.most_common():
        common = said[cell].most_common(1)
        lines.append(f"  {printable(cell):<36} {count:>3}/{len(students)} lost points"
                     + (f"; most often: {printable(common[0][0])}" if common else ""))
    return "\n".join(lines) or "  every student passed every test"


def hand_grading_summary(course, assignment, students):
    """A line saying how many submissions have written answers awaiting hand grading."""
    waiting = {s: course.awaiting_hand_grading(assignment, s) for s in students}
    waiting = {s: cells for s, cells in waiting.items() if cells}
    if not waiting:
        return "  no written answer awaits hand grading"
    answers = sum(len(cells) for cells in waiting.values())
    return (f"  {len(waiting)} of {len(students)} submissions await hand grading ({answers} "
            "written answers, not counted in their scores yet): grade them in formgrader, "
            "then run generate_feedback and export again")


def _unreadable(path):
    """Why nbgrader could not grade the notebook at path, or None if it can."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # not JSON, not a notebook: the reason is all we can give
        return f"the file is not a valid notebook ({type(error).__name__}: {str(error)[:120]})"
    if not any(cell.metadata.get("nbgrader") for cell in nb.cells):
        return ("the notebook has lost nbgrader's cell metadata (was it copied into a new "
                "notebook?), so its answers cannot be matched to the questions")
    return None


def _last_error(log):
    lines = [line for line in log.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["no log"])[-1][:200]


def _bar(done, total, width=12):
    filled = round(width * done / total) if total else width
    return "#" * filled + "." * (width - filled)


def _duration(seconds):
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.1f} min"
