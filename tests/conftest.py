"""Grade, once per session and in parallel, every sample class the selected tests read."""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from course import pipeline
from tests import classes

# The kernels inherit this: with two classes graded at once on two cores, torch's default
# thread pools would oversubscribe them. The notebooks' tensors are tiny; one thread is plenty.
os.environ.setdefault("OMP_NUM_THREADS", "1")

HOSTILE = "hostile"


def classes_needed(items):
    """The assignments whose catalogue the selected tests read, and whether they read the
    hostile class."""
    needed = set()
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if "graded" in fixtures:
            needed.add(params.get("assignment") or params["variant"].assignment)
        if "hostile_class" in fixtures:
            needed.add(HOSTILE)
    return sorted(needed)


@pytest.fixture(scope="session")
def gradings(request, tmp_path_factory):
    """class name -> (Course, result): every needed class graded by the real pipeline.

    Each class has its own course directory and gradebook; the classes are graded at the
    same time, one process per core.
    """
    prepared, jobs = {}, {}
    needed = classes_needed(request.session.items)
    workers = max(1, min(len(needed), os.cpu_count() or 1))
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        for name in sorted(needed, key=lambda n: n != HOSTILE):  # the longest job first
            root = tmp_path_factory.mktemp(name)
            if name == HOSTILE:
                a = classes.HOSTILE_ASSIGNMENT
                course = classes.prepare(root, a, classes.hostile_cases(),
                                         f"c.Execute.timeout = {classes.TIMEOUT}")
                jobs[name] = pool.submit(classes.grade_with_cli, course.root, a)
            else:
                cases = classes.catalogue_cases(name)
                course = classes.prepare(root, name, cases)
                jobs[name] = pool.submit(classes.autograde_catalogue, course.root, name,
                                         list(cases))
            prepared[name] = course
        return {name: (pipeline.Course(prepared[name].root), job.result())
                for name, job in jobs.items()}


@pytest.fixture(scope="session")
def graded(gradings):
    """assignment -> the Course in which its whole catalogue was autograded, with feedback."""
    return lambda assignment: gradings[assignment][0]


@pytest.fixture(scope="session")
def hostile_class(gradings):
    """(Course, exit code, output) of `python -m course grade` on the hostile class."""
    course, (code, output) = gradings[HOSTILE]
    return course, code, output
