"""What a student sees before grading: the visible part of every test cell speaks.

The release notebook holds only the visible part of each test cell. Run as a student would
(`nbgrader validate --invert`'s idea), the unanswered release must fail every graded test
cell, and every mutant marked VISIBLE (a test's most common bug) must fail there each cell
it LOSES in the questions it answers. These run real kernels: `pytest -m "not pipeline"` skips them.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import nbformat
import pytest
from nbclient import NotebookClient

from course import submissions
from course.pipeline import question_of
from course.zygote import ForkingKernelManager

pytestmark = pytest.mark.pipeline

ASSIGNMENTS = submissions.assignments()
VISIBLE_MUTANTS = [pytest.param(v, id=f"{v.assignment}/{v.name}")
                   for a in ASSIGNMENTS for v in submissions.catalogue(a, "mutants") if v.visible]


def _failing(job):
    """In a worker process: the failing test cells of the blank release (job = (assignment,
    None)) or of a catalogued mutant (job = (assignment, mutant name))."""
    assignment, name = job
    if name is None:
        return job, failing_test_cells(submissions.blank(assignment), assignment)
    variant = submissions.load_variant(submissions.CATALOGUE / assignment / "mutants"
                                       / f"{name}.py")
    return job, failing_test_cells(submissions.variant_submission(variant), assignment)


@pytest.fixture(scope="session")
def failing(request):
    """job -> failing test cells, for every notebook the selected tests read, run two at a
    time (a process per core, each with its zygote)."""
    jobs = set()
    for item in request.session.items:
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if item.module.__name__ == __name__ and "assignment" in params:
            jobs.add((params["assignment"], None))
        if item.module.__name__ == __name__ and "variant" in params:
            jobs.add((params["variant"].assignment, params["variant"].name))
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=get_context("spawn")) as pool:
        return dict(pool.map(_failing, sorted(jobs, key=str)))


def failing_test_cells(nb, assignment):
    """Run nb as Validate would, in a fresh kernel (forked in the sandbox, as the grader's
    fast path does, to be quick); the graded test cells that failed."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    nb = nbformat.from_dict(nb)
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                   kernel_manager_class=ForkingKernelManager,
                   resources={"metadata": {"path": str(submissions.RELEASE / assignment)}}
                   ).execute()
    graded = submissions.autograded_cells(nb)
    return {gid for gid, cell in submissions.nbgrader_cells(nb).items()
            if gid in graded and any(o.output_type == "error" or o.get("name") == "stderr"
                                     for o in cell.outputs)}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_unanswered_release_fails_every_visible_test(assignment, failing):
    silent = set(submissions.autograded_cells(submissions.read_release(assignment))) \
        - failing[(assignment, None)]
    assert not silent, f"these test cells say nothing on the unanswered notebook: {sorted(silent)}"


def own_cells(variant):
    """The test cells a mutant loses in the questions it answers (not the later questions
    that build on them: a wrong forward also trains wrongly, but that is the train test's)."""
    questions = list(submissions.nbgrader_cells(submissions.read_source(variant.assignment),
                                                solution=True))
    return {cell for cell in variant.loses if question_of(cell, questions) in variant.cells}


@pytest.mark.parametrize("variant", VISIBLE_MUTANTS)
def test_visible_part_catches_the_common_bug(variant, failing):
    caught = failing[(variant.assignment, variant.name)]
    missed = own_cells(variant) - caught
    assert not missed, f"{variant.name}: the visible part of {sorted(missed)} stays silent"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_visible_test_has_a_common_bug_it_catches(assignment):
    graded = set(submissions.autograded_cells(submissions.read_source(assignment)))
    covered = {cell for v in submissions.catalogue(assignment, "mutants") if v.visible
               for cell in own_cells(v)}
    assert graded <= covered, f"no VISIBLE mutant for {sorted(graded - covered)}"
