"""The fast grading path (course.parallel): plain nbgrader's scores, and no state shared.

The hostile class is graded both ways, by `python -m course grade` with the default
workers and with --workers 0 (plain nbgrader, a new kernel per notebook; but for the files
tests/classes.py lists in FAST_PATH_ONLY), and so is part of one assignment's catalogue
(tests/classes.py says which): every score in the two gradebooks must be the same. The
isolation test grades, in one worker and so from one zygote, a submission that patches
torch and the course's checks for everyone, followed by submissions whose grades a leaked
patch would change.
"""

import pytest

from course import parallel, pipeline, submissions
from tests import classes
from tests.classes import assert_scores

pytestmark = pytest.mark.pipeline

ASSIGNMENT = "01_gradient_descent"

PATCH_EVERYTHING = '''
import builtins, math
import torch
from course import checks

def _always_fine(*args, **kwargs):
    return None

for _name in dir(checks):
    if not _name.startswith("_") and callable(getattr(checks, _name)):
        setattr(checks, _name, _always_fine)
torch.allclose = lambda *args, **kwargs: True
torch.Tensor.backward = lambda self, *args, **kwargs: None
math.isclose = lambda *args, **kwargs: True
builtins.isinstance = lambda *args: True
'''


def assert_same_scores(plain, fast, assignment, students):
    """Exactly these students graded by plain nbgrader, and on the fast path too, with the
    same scores."""
    assert set(plain.students(assignment)) == set(students) <= set(fast.students(assignment))
    by_plain = plain.class_scores(assignment, students)
    by_fast = fast.class_scores(assignment, students)
    differ = {s: (by_plain[s], by_fast[s]) for s in students if by_plain[s] != by_fast[s]}
    assert not differ, "\n".join(
        f"{s}: plain {by_plain[s]}, fast {by_fast[s]}\n"
        f"plain: {classes.what_the_cells_said(plain, assignment, s)}\n"
        f"fast: {classes.what_the_cells_said(fast, assignment, s)}" for s in differ)


def test_fast_path_gives_the_scores_plain_nbgrader_gives(hostile_class, hostile_class_plain):
    fast, _, _ = hostile_class
    plain, _, _ = hostile_class_plain
    assert_same_scores(plain, fast, ASSIGNMENT, classes.hostile_cases(plain=True))


def test_fast_path_gives_plain_nbgraders_scores_to_honest_work(catalogue_plain, graded):
    assignment, plain = catalogue_plain
    assert_same_scores(plain, graded(assignment), assignment, classes.CATALOGUE_PLAIN_STUDENTS)


def test_both_ways_tell_the_instructor_the_same(hostile_class, hostile_class_plain):
    _, fast_code, fast_output = hostile_class
    _, plain_code, plain_output = hostile_class_plain
    assert fast_code == plain_code == 1

    def attention(output):
        return output[output.index("need your attention"):]

    assert attention(fast_output) == attention(plain_output)


def test_a_submission_that_patches_torch_cannot_change_the_next_ones_grade(tmp_path):
    course = pipeline.Course(pipeline.make_course_dir(tmp_path, [ASSIGNMENT]))
    course.generate(ASSIGNMENT)
    patcher = submissions.full_solution(ASSIGNMENT)
    first = next(c for c in patcher.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source = PATCH_EVERYTHING + first.source
    mutant = submissions.load_variant(
        submissions.CATALOGUE / ASSIGNMENT / "mutants" / "fit_no_zero_grad.py")
    students = {"a_patcher": patcher, "b_blank": submissions.blank(ASSIGNMENT),
                "c_mutant": submissions.variant_submission(mutant),
                "d_full": submissions.full_solution(ASSIGNMENT)}
    for student, nb in students.items():
        course.submit(ASSIGNMENT, student, nb)
    before = dict(parallel.counts)
    with parallel.Pool(course, workers=1) as pool:  # one worker: one zygote forks them all
        course.autograde(ASSIGNMENT, list(students), pool=pool)
    # every notebook ran in a forked kernel of that one worker, none in this process
    assert parallel.counts["reused"] - before["reused"] == len(students)
    assert parallel.counts["executed here"] == before["executed here"]
    every_cell = set(submissions.autograded_cells(submissions.read_source(ASSIGNMENT)))
    assert_scores(course, ASSIGNMENT, "b_blank", losing=every_cell)
    assert_scores(course, ASSIGNMENT, "c_mutant", losing=set(mutant.loses))
    assert_scores(course, ASSIGNMENT, "d_full", losing=set())
