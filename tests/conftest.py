"""Fixtures that run the real nbgrader pipeline once per assignment and share the gradebook."""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from course import pipeline, submissions

FULL, BLANK = "full_solution", "blank_release"

# The kernels inherit this: with two assignments graded at once on two cores, torch's default
# thread pools would oversubscribe them. The notebooks' tensors are tiny; one thread is plenty.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def cases(assignment):
    """Every submission graded for an assignment: student id -> notebook."""
    found = {FULL: submissions.full_solution(assignment), BLANK: submissions.blank(assignment)}
    for kind in submissions.KINDS:
        for variant in submissions.catalogue(assignment, kind):
            found[f"{kind}.{variant.name}"] = submissions.variant_submission(variant)
    return found


def autograde_course(root, assignment, students):
    """Autograde and give feedback in one course directory (run in a worker process)."""
    course = pipeline.Course(root)
    course.autograde(assignment, students)
    course.feedback(assignment)


def assignments_needed(items):
    """The assignments whose grading the selected tests read."""
    needed = set()
    for item in items:
        params = getattr(item, "callspec", None) and item.callspec.params or {}
        if "graded" in getattr(item, "fixturenames", ()):
            needed.add(params.get("assignment") or params["variant"].assignment)
    return sorted(needed)


@pytest.fixture(scope="session")
def graded(request, tmp_path_factory):
    """assignment -> a Course in which every case was generated, autograded and given feedback.

    Each assignment the selected tests need gets its own course directory and gradebook, and
    the assignments are graded at the same time, one process per core.
    """
    courses = {}
    for assignment in assignments_needed(request.session.items):
        root = pipeline.make_course_dir(tmp_path_factory.mktemp(assignment), [assignment])
        course = pipeline.Course(root)
        course.generate(assignment)
        for student, nb in cases(assignment).items():
            course.submit(assignment, student, nb)
        courses[assignment] = course
    workers = min(len(courses), os.cpu_count() or 1) or 1
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        jobs = [pool.submit(autograde_course, c.root, a, list(cases(a))) for a, c in courses.items()]
        for job in jobs:
            job.result()
    return courses.__getitem__
