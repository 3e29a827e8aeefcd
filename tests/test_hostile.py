"""Hostile and broken submissions, graded by the real pipeline through `python -m course grade`.

Each case gets the score it must get, with the reason where a student will see it, and no
case changes anyone else's grade: a well-behaved student graded in the same run keeps full
marks.
"""

import re

import nbformat
import pytest

from course import submissions
from tests.classes import CONTROL, TAGGED
from tests.classes import HOSTILE_ASSIGNMENT as ASSIGNMENT
from tests.test_grading import assert_scores

pytestmark = pytest.mark.pipeline

HOSTILE = submissions.catalogue(ASSIGNMENT, "hostile")


def all_cells():
    return set(submissions.autograded_cells(submissions.read_source(ASSIGNMENT)))


def feedback_text(course, student):
    page = course.root / "feedback" / student / ASSIGNMENT / "gradient_descent.html"
    return page.read_text()


@pytest.mark.parametrize("variant", HOSTILE, ids=lambda v: v.name)
def test_hostile_submission_scores_what_it_should(hostile_class, variant):
    course, _, _ = hostile_class
    assert_scores(course, ASSIGNMENT, variant.name, set(variant.loses))


def test_well_behaved_student_in_the_same_run_keeps_full_marks(hostile_class):
    course, _, _ = hostile_class
    assert_scores(course, ASSIGNMENT, CONTROL, losing=set())


@pytest.mark.parametrize("student", ["broken_json", "lost_metadata"])
def test_unreadable_notebook_is_recorded_as_zero_with_the_reason(hostile_class, student):
    course, code, output = hostile_class
    assert_scores(course, ASSIGNMENT, student, losing=all_cells())
    assert code == 1 and re.search(rf"{ASSIGNMENT} {student}: graded as empty: ", output)
    assert course.submission_path(ASSIGNMENT, student).with_suffix(".ipynb.broken").is_file()
    assert "could not be graded as submitted" in feedback_text(course, student)


def test_deleted_test_cell_is_restored_and_graded(hostile_class):
    course, _, _ = hostile_class
    assert_scores(course, ASSIGNMENT, "deleted_test_cell", losing=set())


def test_tagged_test_and_locked_cells_run_all_the_same(hostile_class):
    """Tags are the student's to edit: "skip-execution" and "illustration" on every locked and
    test cell of a blank notebook whose checks do nothing skip none of them."""
    course, _, _ = hostile_class
    assert_scores(course, ASSIGNMENT, TAGGED, losing=all_cells())


def test_edited_test_cell_is_restored_and_graded(hostile_class):
    course, _, _ = hostile_class
    assert_scores(course, ASSIGNMENT, "edited_test_cell", losing={"test_fit"})


def test_kernel_crash_reason_is_in_the_feedback(hostile_class):
    course, _, _ = hostile_class
    page = feedback_text(course, "kernel_crash")
    assert "the kernel died while this cell ran" in page and "not run: the kernel died" in page


def test_tampering_in_the_students_kernel_does_not_reach_the_examiner(hostile_class):
    """torch.allclose replaced in the student's kernel: the fit's test runs in the examiner
    and says what is wrong with the fit (in JupyterLab the same test names the tampering)."""
    course, _, _ = hostile_class
    page = feedback_text(course, "replaces_allclose_and_isclose")
    assert "is not at its minimum at your w, b" in page


def test_infinite_loop_is_cut_at_the_time_limit(hostile_class):
    course, _, _ = hostile_class
    assert "CellTimeoutError" in feedback_text(course, "fit_infinite_loop")


def test_huge_output_is_cut(hostile_class):
    course, _, _ = hostile_class
    graded = nbformat.read(course.root / "autograded" / "huge_output" / ASSIGNMENT
                           / "gradient_descent.ipynb", as_version=4)
    cell = submissions.nbgrader_cells(graded)["f"]
    assert sum(len(o.get("text", "").splitlines()) for o in cell.outputs) <= 200 + 1


def test_feedback_shows_messages_but_not_hidden_tests(hostile_class):
    course, _, _ = hostile_class
    page = feedback_text(course, "edited_test_cell")
    assert "BEGIN HIDDEN TESTS" not in page and "lstsq" not in page  # the hidden reference
    assert "hidden tests: their results are in the output below" in page
    assert "CheckFailed" in page and "w is" in page  # the student's message is there


def test_grade_summarises_failures_and_lists_what_needs_attention(hostile_class):
    _, code, output = hostile_class
    assert code == 1
    assert "what students lost points on" in output
    assert re.search(r"test_fit\s+\d+/\d+ lost points; most often: ", output)
    assert re.search(r"\d+ submission\(s\) need your attention", output)
