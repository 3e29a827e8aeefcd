"""Grade, once per session, every sample class the selected tests read."""

import os
import types
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from course import bridge, checks, pipeline, submissions
from tests import classes
from tests.loopback import Loopback

# The kernels inherit this: with several kernels at once on two cores, torch's default
# thread pools would oversubscribe them. The notebooks' tensors are tiny; one thread is plenty.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# A secret of the grader's environment: no kernel, and so no feedback, may ever show it.
os.environ[classes.CANARY] = "canary-3f9c2d71-never-in-feedback"

HOSTILE, HOSTILE_PLAIN = "hostile", "hostile, plain nbgrader"
CATALOGUE_PLAIN = "catalogue, plain nbgrader"  # part of one catalogue (classes.py says which)
STUDENTS_KERNEL = "catalogues, tests in the student's kernel"  # (classes.agreement_cases)


def classes_needed(items):
    """The assignments whose catalogue the selected tests read, and whether they read the
    hostile class (graded on the fast path, and with plain nbgrader)."""
    needed = set()
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if "graded" in fixtures and ("assignment" in params or "variant" in params):
            needed.add(params.get("assignment") or params["variant"].assignment)
        if "hostile_class" in fixtures:
            needed.add(HOSTILE)
        if "hostile_class_plain" in fixtures:
            needed.add(HOSTILE_PLAIN)
        if "graded_class" in fixtures:  # the hostile class on both paths
            needed.update([HOSTILE, HOSTILE_PLAIN])
        if "catalogue_plain" in fixtures:  # and the same catalogue on the fast path
            needed.update([CATALOGUE_PLAIN, classes.CATALOGUE_PLAIN_ASSIGNMENT])
        if "catalogues_in_students_kernel" in fixtures:  # and the catalogues in the examiner
            needed.update([STUDENTS_KERNEL, params["assignment"]])
    return sorted(needed)


@pytest.fixture(scope="session")
def gradings(request, tmp_path_factory):
    """class name -> (Course, result): every needed class graded by the real pipeline.

    The catalogues share one course directory and gradebook and are graded on the fast path
    (course.parallel, a worker per core) from one pool, whose workers run every catalogue
    ahead of nbgrader. Meanwhile, in background processes, each in a course directory of its
    own: the hostile class (it has smaller limits) by `python -m course grade` and again by
    plain nbgrader, every catalogue with its tests in the student's kernel, and part of one
    catalogue by plain nbgrader.
    """
    needed = classes_needed(request.session.items)
    catalogues = [name for name in needed if name in submissions.assignments()]
    prepared, results, background_jobs = {}, {}, {}
    # Three background processes: the hostile class waits on its time limits, and the plain
    # path on new kernels, more than they compute; the machine has cores to spare then.
    with ProcessPoolExecutor(3, mp_context=get_context("spawn")) as background:
        if HOSTILE in needed:
            course = prepared[HOSTILE] = _hostile(tmp_path_factory.mktemp("hostile"))
            background_jobs[HOSTILE] = background.submit(
                classes.grade_with_cli, course.root, classes.HOSTILE_ASSIGNMENT)
        if HOSTILE_PLAIN in needed:
            course = prepared[HOSTILE_PLAIN] = _hostile(tmp_path_factory.mktemp("hostile-plain"),
                                                        plain=True)
            background_jobs[HOSTILE_PLAIN] = background.submit(
                classes.grade_with_cli, course.root, classes.HOSTILE_ASSIGNMENT, "--workers", "0")
        if STUDENTS_KERNEL in needed:
            cases = {a: classes.agreement_cases(a) for a in catalogues}
            course = prepared[STUDENTS_KERNEL] = classes.prepare_classes(
                tmp_path_factory.mktemp("students-kernel"), cases, classes.STUDENTS_KERNEL_CONFIG)
            background_jobs[STUDENTS_KERNEL] = background.submit(
                classes.autograde_classes, course.root, {a: list(c) for a, c in cases.items()},
                feedback=False)
        if CATALOGUE_PLAIN in needed:
            a = classes.CATALOGUE_PLAIN_ASSIGNMENT
            every = classes.catalogue_cases(a)
            cases = {s: every[s] for s in classes.CATALOGUE_PLAIN_STUDENTS}
            course = prepared[CATALOGUE_PLAIN] = classes.prepare(
                tmp_path_factory.mktemp("catalogue-plain"), a, cases)
            background_jobs[CATALOGUE_PLAIN] = background.submit(
                classes.autograde_classes, course.root, {a: list(cases)}, plain=True)
        if catalogues:
            cases = {a: classes.catalogue_cases(a) for a in catalogues}
            course = classes.prepare_classes(tmp_path_factory.mktemp("catalogues"), cases)
            result = classes.autograde_classes(course.root, {a: list(c) for a, c in cases.items()})
            for a in catalogues:
                prepared[a], results[a] = course, result
        for name, job in background_jobs.items():
            results[name] = job.result()
    graded = {name: (pipeline.Course(prepared[name].root), results[name]) for name in needed}
    for course, _ in graded.values():
        course.submitted_hashes = _hashes.get(course.root, {})
    return graded


def _hostile(root, plain=False):
    return _hashed(classes.prepare(root, classes.HOSTILE_ASSIGNMENT,
                                   classes.hostile_cases(plain), classes.HOSTILE_CONFIG))


_hashes = {}


def _hashed(course):
    """The course, with the hashes of what was submitted taken before any grading."""
    _hashes[course.root] = classes.submitted_hashes(course.root)
    return course


@pytest.fixture(scope="session")
def graded(gradings):
    """assignment -> the Course in which its whole catalogue was autograded, with feedback."""
    return lambda assignment: gradings[assignment][0]


@pytest.fixture(scope="session")
def hostile_class(gradings):
    """(Course, exit code, output) of `python -m course grade` on the hostile class."""
    course, (code, output) = gradings[HOSTILE]
    return course, code, output


@pytest.fixture(scope="session")
def hostile_class_plain(gradings):
    """The same as hostile_class (but for classes.FAST_PATH_ONLY), graded by
    `python -m course grade --workers 0`."""
    course, (code, output) = gradings[HOSTILE_PLAIN]
    return course, code, output


@pytest.fixture(scope="session")
def catalogues_in_students_kernel(gradings):
    """The Course where every catalogue (classes.agreement_cases) was graded again with its
    test cells in the student's kernel, as plain nbgrader runs them."""
    return gradings[STUDENTS_KERNEL][0]


@pytest.fixture(scope="session")
def catalogue_plain(gradings):
    """(assignment, Course) where part of that assignment's catalogue
    (classes.CATALOGUE_PLAIN_STUDENTS) was graded by plain nbgrader."""
    return classes.CATALOGUE_PLAIN_ASSIGNMENT, gradings[CATALOGUE_PLAIN][0]


@pytest.fixture(params=["student's kernel", "examiner"])
def student(request):
    """The student's objects as a test cell sees them: themselves, or handles in the examiner."""
    if request.param == "student's kernel":
        yield lambda obj: obj
        return
    kernel = Loopback()
    checks.examine_through(types.SimpleNamespace(kernel=kernel))
    try:
        yield kernel.handle
    finally:
        checks.examine_through(None)
        bridge._handles.clear()
