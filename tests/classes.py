"""The sample classes the tests grade: a catalogue class per assignment, and a hostile class."""

import contextlib
import hashlib
import html
import io
import re
from pathlib import Path

import nbformat

from course import cli, parallel, pipeline, submissions
from course.submissions import BLANK, FULL  # noqa: F401  (re-exported for the tests)

HOSTILE_ASSIGNMENT = "01_gradient_descent"
# Students are graded in the order of their ids: an honest control before the attackers, and
# a blank notebook after them (an attack on later students would show there).
CONTROL = "aa_honest_control"
BLANK_LAST = "zz_blank_graded_last"
TAGGED = "tags_its_cells_to_be_skipped"
# The hostile class's limits, small so that the attacks that hit them cost little time, and
# still ten times what the honest cells take on a quiet machine (the full solution's fit
# takes 0.3 s): graded beside the catalogues, a 5 s limit cut honest fits short.
HOSTILE_CONFIG = """
c.Execute.timeout = 10
c.ResilientExecute.notebook_timeout = 20
c.Sandbox.memory = 3 << 30
c.Sandbox.processes = 40
"""
# Part of one catalogue is graded by plain nbgrader too, to compare the paths on honest work
# whose grading depends on the kernel's state: 02's plots are graded from their figures' data,
# drawn with the pyplot the kernel started with (a forked kernel's was imported in the
# zygote). Its full solution and blank notebook, and the two cases that draw through pyplot's
# own state rather than a figure of their own; the rest of its catalogue is torch and
# course.checks on data, alike on both paths (and the hostile class's control compares a
# full solution of 01 on both paths).
CATALOGUE_PLAIN_ASSIGNMENT = "02_torch_autograd"
CATALOGUE_PLAIN_STUDENTS = (FULL, BLANK, "alternatives.pyplot_state_interface",
                            "mutants.sin_plot_no_fig_kept")
# A variable of the grader's environment that no kernel may see.
CANARY = "COURSE_SECRET_CANARY"


def catalogue_cases(assignment):
    """Every catalogued submission of an assignment: student id -> notebook."""
    variants = [v for kind in submissions.KINDS for v in submissions.catalogue(assignment, kind)]
    return submissions.sample_class(assignment, variants, name=lambda v: f"{v.kind}.{v.name}")


# Every file of the hostile class is graded on both paths (plain nbgrader and `grade`): the
# course's rule is that each defence is proven on both, since the paths start, watch and
# examine kernels differently. A file named here would be graded on the fast path only, and
# must say why in a comment.
FAST_PATH_ONLY = set()


def hostile_cases(plain=False):
    """The hostile class: student id -> notebook, or -> text for a file that is no notebook.
    With plain, the part of it graded on the plain path too (all but FAST_PATH_ONLY)."""
    a = HOSTILE_ASSIGNMENT
    found = {CONTROL: submissions.full_solution(a)}
    for variant in submissions.catalogue(a, "hostile"):
        found[variant.name] = submissions.variant_submission(variant)
    lost = submissions.full_solution(a)
    for cell in lost.cells:
        cell.metadata.pop("nbgrader", None)
    found["lost_metadata"] = lost
    deleted = submissions.full_solution(a)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") != "test_grad_f"]
    found["deleted_test_cell"] = deleted
    edited = submissions.variant_submission(submissions.load_variant(
        submissions.CATALOGUE / a / "mutants" / "fit_hard_coded_parameters.py"))
    submissions.nbgrader_cells(edited)["test_fit"].source = "pass  # looks fine to me"
    found["edited_test_cell"] = edited
    # A student can edit any cell's tags: nbclient skips a cell tagged "skip-execution", the
    # grader an "illustration"; on the locked setup cell it would leave the examiner without
    # its own checks, and a blank notebook whose checks do nothing passes what the student's
    # kernel judges.
    tagged = submissions.variant_submission(submissions.load_variant(
        submissions.CATALOGUE / a / "hostile" / "checks_replaced_by_anything.py"))
    for cell in tagged.cells:
        if cell.metadata.get("nbgrader", {}).get("locked"):
            cell.metadata["tags"] = ["skip-execution", "illustration"]
    found[TAGGED] = tagged
    found["broken_json"] = submissions.full_solution(a)  # cut off mid-file once written
    found[BLANK_LAST] = submissions.blank(a)
    unknown = FAST_PATH_ONLY - set(found)
    assert not unknown, f"FAST_PATH_ONLY names no hostile file: {sorted(unknown)}"
    return {s: nb for s, nb in found.items() if not (plain and s in FAST_PATH_ONLY)}


def prepare(root, assignment, cases, extra_config=""):
    """A course directory at root with the assignment released and the cases submitted."""
    return prepare_classes(root, {assignment: cases}, extra_config)


def prepare_classes(root, classes, extra_config=""):
    """A course directory at root with each assignment of classes (assignment -> cases)
    released and its cases submitted."""
    course = pipeline.Course(pipeline.make_course_dir(root, list(classes), extra_config))
    for assignment, cases in classes.items():
        course.generate(assignment)
        for student, nb in cases.items():
            course.submit(assignment, student, nb)
            stamp = course.root / "submitted" / student / assignment / "timestamp.txt"
            stamp.write_text("2026-11-20 12:00:00.000000 UTC")  # as nbgrader collect writes it
        if "broken_json" in cases:
            path = course.submission_path(assignment, "broken_json")
            path.write_text(path.read_text()[:5000])  # as a failed upload would leave it
    return course


def submitted_hashes(root):
    """path -> sha256 of every file in a course's submitted/ folder."""
    return {p: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (Path(root) / "submitted").rglob("*") if p.is_file()}


def autograde_classes(root, classes, plain=False, feedback=True):
    """Autograde each class (assignment -> students) on the fast path, all of them from one
    pool whose workers run every class ahead of nbgrader (or with plain nbgrader), and give
    feedback."""
    course = pipeline.Course(root)
    if plain:
        for assignment, students in classes.items():
            course.autograde(assignment, students, out=io.StringIO())
            if feedback:
                course.feedback(assignment)
        return
    with parallel.Pool(course) as pool:
        for assignment, students in classes.items():
            pool.prefetch(assignment, students)
        for assignment, students in classes.items():
            course.autograde(assignment, students, out=io.StringIO(), pool=pool)
            if feedback:
                course.feedback(assignment)  # while the workers go on with the next class


# The honest catalogue graded again with its tests in the student's kernel (the examiner off),
# to compare verdicts cell by cell: every full, blank, alternative and mutant notebook.
STUDENTS_KERNEL_CONFIG = "c.ResilientExecute.examiner = False"


def agreement_cases(assignment):
    return catalogue_cases(assignment)


def grade_with_cli(root, assignment, *options):
    """`python -m course grade` on the course: (exit code, output)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["grade", "--course-dir", str(root), assignment, *options])
    return code, out.getvalue() + err.getvalue()


_class_scores = {}  # (gradebook, its mtime, assignment) -> student -> scores


def scores_of(course, assignment, student):
    """course.scores, read for the whole class at once and kept while the gradebook is
    unchanged: the tests read a class's scores a student at a time."""
    gradebook = Path(course.root) / "gradebook.db"
    key = (gradebook, gradebook.stat().st_mtime_ns if gradebook.exists() else None, assignment)
    if key not in _class_scores:
        _class_scores[key] = course.class_scores(assignment, course.students(assignment))
    found = _class_scores[key]
    return found[student] if student in found else course.scores(assignment, student)


def assert_scores(course, assignment, student, losing):
    """Every test cell in losing scores 0, every other one full marks."""
    scores = scores_of(course, assignment, student)
    graded_cells = submissions.autograded_cells(submissions.read_source(assignment))
    assert set(scores) == set(graded_cells), f"{student}: a cell is ungraded"
    wrong = {cell: f"{score:g}/{top:g}" for cell, (score, top) in scores.items()
             if score != (0 if cell in losing else top)}
    assert not wrong, (f"{student}: these cells scored otherwise than expected: {wrong}\n"
                       f"{what_the_cells_said(course, assignment, student)}")


def what_the_cells_said(course, assignment, student):
    """The errors and stderr of every code cell of a graded notebook, a line each: why a cell
    scored as it did, for a failing test's message (a CI log is all there is then)."""
    path = Path(course.root) / "autograded" / student / assignment / \
        f"{course.notebook(assignment)}.ipynb"
    if not path.is_file():
        return f"(no autograded notebook at {path})"
    lines = []
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        said = [f"{o.ename}: {o.evalue}" if o.output_type == "error" else o.text
                for o in cell.get("outputs", []) if o.output_type == "error"
                or (o.output_type == "stream" and o.name == "stderr")]
        if said:
            name = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index}")
            lines.append(f"  {name}: " + " | ".join(s.strip().replace("\n", " / ")[:300]
                                                     for s in said))
    return "what the graded notebook's cells said:\n" + "\n".join(lines or ["  (nothing)"])


def hidden_test_lines(assignment):
    """The lines of the assignment's hidden tests long enough to be telling (over 25
    characters), stripped, and not also a line of what students see."""
    hidden, shown = set(), set()
    for cell in submissions.read_source(assignment).cells:
        inside = False
        for line in cell.source.splitlines():
            inside = (inside or "BEGIN HIDDEN TESTS" in line) and "END HIDDEN TESTS" not in line
            (hidden if inside else shown).add(line.strip())
    return {line for line in hidden - shown if len(line) > 25}


def page_text(path):
    """What a browser shows of an HTML page, roughly: its text without tags, unescaped (code
    is highlighted token by token, so a line of source is only whole once tags are gone)."""
    return html.unescape(re.sub(r"<[^>]*>", "", Path(path).read_text(errors="replace")))
