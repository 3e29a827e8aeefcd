"""Each assignment, graded by the real nbgrader pipeline: the scores the catalogue says it must get.

The solution scores full marks, the blank release zero, each mutant (one plausible student
bug) loses exactly the test cells it lists, and each alternative correct answer full marks.
"""

import csv

import pytest
from nbgrader.validator import Validator

from course import pipeline, submissions
from tests.classes import BLANK, FULL, assert_scores, hidden_test_lines, page_text

ASSIGNMENTS = submissions.assignments()
VARIANTS = [pytest.param(v, id=f"{v.assignment}/{v.kind}/{v.name}")
            for a in ASSIGNMENTS for kind in submissions.KINDS
            for v in submissions.catalogue(a, kind)]

pytestmark = pytest.mark.pipeline


def autograded_cells_of(assignment):
    return submissions.autograded_cells(submissions.read_source(assignment))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_passes_its_own_tests(assignment):
    path = submissions.SOURCE / assignment / f"{submissions.notebook_name(assignment)}.ipynb"
    result = Validator().validate(str(path))
    assert result == {}, result  # no failed, passed-with-errors or changed cells


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_full_solution_scores_full_marks(graded, assignment):
    assert_scores(graded(assignment), assignment, FULL, losing=set())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_scores_zero(graded, assignment):
    every_cell = set(autograded_cells_of(assignment))
    assert_scores(graded(assignment), assignment, BLANK, losing=every_cell)


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_loses_exactly_its_cells(graded, variant):
    course = graded(variant.assignment)
    assert_scores(course, variant.assignment, f"{variant.kind}.{variant.name}", set(variant.loses))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_and_export(graded, assignment, tmp_path):
    course = graded(assignment)
    page = course.root / "feedback" / FULL / assignment
    assert (page / f"{submissions.notebook_name(assignment)}.html").is_file()
    csv = course.export(tmp_path / "grades.csv").read_text().splitlines()
    assert csv[0].startswith("assignment,duedate,timestamp,student_id")
    assert any(line.startswith(f"{assignment},") and f",{FULL}," in line for line in csv)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_score_table_lists_every_question(graded, assignment):
    course = graded(assignment)
    table = pipeline.score_table(course, assignment, [FULL, BLANK])
    header, full, blank = table.splitlines()
    questions = submissions.nbgrader_cells(submissions.read_source(assignment), solution=True,
                                           grade=False)
    assert header.split()[1:-1] == list(questions)
    total = sum(autograded_cells_of(assignment).values())
    assert full.split()[-1] == f"{total:g}/{total:g}"
    assert blank.split()[-1] == f"0/{total:g}"


def written_answers(assignment):
    return [gid for gid, cell in submissions.nbgrader_cells(
        submissions.read_source(assignment), solution=True, grade=True).items()
        if cell.cell_type == "markdown"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_and_csv_say_which_answers_await_hand_grading(graded, assignment, tmp_path):
    """Before hand grading: "awaiting hand grading" in feedback (not "Score: 0.0 / 1.0"),
    a count in grades.csv, and never a widget's repr."""
    course = graded(assignment)
    name = submissions.notebook_name(assignment)
    html = (course.root / "feedback" / FULL / assignment / f"{name}.html").read_text()
    waiting = written_answers(assignment)
    assert course.awaiting_hand_grading(assignment, FULL) == waiting
    assert ("written answer(s) awaiting hand grading" in html) == bool(waiting)
    for grade_id in waiting:
        assert f"<code>{grade_id}</code>" in html
    assert "VBox(children=" not in html and "FloatSlider(" not in html
    rows = list(csv.DictReader(course.export(tmp_path / "grades.csv").open()))
    by_student = {r["student_id"]: r for r in rows if r["assignment"] == assignment}
    assert by_student[FULL]["awaiting_hand_grading"] == str(len(waiting))
    assert by_student[BLANK]["awaiting_hand_grading"] == "0"  # unanswered: 0, automatically
    summary = pipeline.hand_grading_summary(course, assignment, [FULL, BLANK])
    assert ("1 of 2 submissions await hand grading" in summary) == bool(waiting)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_feedback_of_the_catalogue_shows_a_hidden_test_line(graded, assignment):
    """Not even an ordinary failing test: IPython's traceback shows the lines around the
    failing one, and after a visible line come the hidden ones (course.preprocessors)."""
    course = graded(assignment)
    hidden = hidden_test_lines(assignment)
    pages = list((course.root / "feedback").glob(f"*/{assignment}/*.html"))
    assert len(pages) > 5
    leaks = {}
    for page in pages:
        text = page_text(page)
        found = [line for line in text.splitlines() if line.strip() in hidden]
        if found or "BEGIN HIDDEN TESTS" in text:
            leaks[page.parent.parent.name] = found[:2] or ["BEGIN HIDDEN TESTS"]
    assert not leaks


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_examiner_and_the_students_kernel_agree_on_every_test_cell(
        graded, catalogues_in_students_kernel, assignment):
    """The same submissions, tests run in the examiner and in the student's kernel: the same
    verdict for each test cell of each (course.examiner)."""
    examined, own = graded(assignment), catalogues_in_students_kernel
    students = own.students(assignment)
    assert len(students) >= 5
    there = examined.class_scores(assignment, students)
    here = own.class_scores(assignment, students)
    differ = {s: (there[s], here[s]) for s in students if there[s] != here[s]}
    assert not differ
