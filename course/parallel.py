"""Grade a class fast: notebooks run in parallel, in kernels forked from a warm parent.

Plain `nbgrader autograde` grades one notebook at a time and starts a new kernel, and a new
`import torch`, for each. Here N worker processes run the submissions ahead of time, each
in a fresh kernel forked from a zygote that has already imported torch (course.zygote),
while this process runs nbgrader's own autograde, one submission at a time as before. Its
only difference is the Execute step: PooledExecute takes the outputs a worker computed for
exactly the notebook nbgrader is about to execute (same cells, same sources, after
nbgrader's own sanitizing), and executes the notebook itself when there is none. So every
grade is written by nbgrader, from this one process, into the usual gradebook.

A worker sanitizes a submission with the preprocessors nbgrader's autograde uses
(reading, never writing, the gradebook), so that the notebook it executes is the one
nbgrader will; a submission that is missing or unreadable is left to nbgrader.
"""

import copy
import hashlib
import json
import multiprocessing
import multiprocessing.util
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute

from course import sandbox
from course.preprocessors import ResilientExecute
from course.zygote import ForkingKernelManager, Zygote, close_zygotes, use_pool_examiners


def cells_key(nb):
    """What decides what a notebook computes: its cells' types and sources, in order."""
    cells = [(cell.cell_type, cell.source) for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


class ForkedExecute(ResilientExecute):
    """ResilientExecute in a kernel forked from the zygote rather than a new interpreter.

    Not with the sandbox off (COURSE_NO_SANDBOX=1): the zygote is made to be the PID 1 of its
    sandbox (it finds its kernels by that, and reaps with kill(-1)); there each kernel is a
    new interpreter, as on the plain path.
    """

    def __init__(self, *args, **kwargs):
        if not sandbox.disabled():
            kwargs.setdefault("kernel_manager_class", ForkingKernelManager)
        super().__init__(*args, **kwargs)


# The longest a notebook can take in a worker: every cell's and the notebook's time limits,
# and locked cells retried on a busy machine, are far below this.
WAIT_SECONDS = 3600

_ready = {}  # cells_key -> the executed notebook a worker sent
counts = {"reused": 0, "executed here": 0}


class PooledExecute(ForkedExecute):
    """Execute that adopts a worker's outputs for this very notebook, or runs it itself."""

    def preprocess(self, nb, resources, km=None):
        done = _ready.pop(cells_key(nb), None)
        if done is None:
            counts["executed here"] += 1
            return super().preprocess(nb, resources, km=km)
        counts["reused"] += 1
        for cell, ran in zip(nb.cells, done.cells, strict=True):
            if cell.cell_type == "code":
                cell.outputs = ran.outputs
                cell.execution_count = ran.execution_count
            if "execution" in ran.metadata:
                cell.metadata.execution = ran.metadata.execution
        if "language_info" in done.metadata:
            nb.metadata.language_info = done.metadata.language_info
        return nb, resources


def _with_execute(config, execute):
    """A copy of config whose autograde runs `execute` where it had an Execute preprocessor."""
    config = copy.deepcopy(config)
    config.Autograde.autograde_preprocessors = [
        execute if isinstance(step, type) and issubclass(step, Execute) else step
        for step in _steps(config, "autograde_preprocessors")]
    return config


def _steps(config, name):
    """Autograde's list of preprocessors called name, as configured or by default."""
    if name in config.Autograde:
        return list(config.Autograde[name])
    return list(Autograde.class_traits()[name].default())


class Pool:
    """Worker processes executing submissions ahead of nbgrader (use as a context manager)."""

    def __init__(self, course, workers=None):
        self.course = course
        self.workers = workers or os.cpu_count() or 1
        self.api = NbGraderAPI(coursedir=course.coursedir,
                               config=_with_execute(course.config, PooledExecute))
        self._executor = None
        self._futures = {}
        self.seconds = {"waiting for the workers": 0.0, "nbgrader in this process": 0.0}

    def __enter__(self):
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        # One examiners' zygote for all the workers: its `import torch` (3 s of CPU) once.
        self._examiners = Zygote(sandboxed=False)
        examiners = self._examiners.serve_pool()
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(threads, examiners, os.getpid()))
        return self

    def __exit__(self, *exc):
        for future in self._futures.values():
            future.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._examiners.close()

    def prefetch(self, assignment, students):
        """Start executing these submissions in the workers, in this order."""
        for student in students:
            path = self.course.submission_path(assignment, student)
            if (assignment, student) not in self._futures and path.is_file():
                self._futures[(assignment, student)] = self._executor.submit(
                    execute_submission, str(self.course.root), assignment, student, str(path))

    def autograde(self, assignment, student):
        """nbgrader autograde of one submission, with the worker's outputs when they are ready.

        Returns nbgrader's result dict, as NbGraderAPI.autograde does.
        """
        future = self._futures.pop((assignment, student), None)
        started = time.perf_counter()
        if future is not None:
            try:
                key, executed = future.result(timeout=WAIT_SECONDS)
            except Exception:  # the worker could not run it: nbgrader will, in this process
                key = None
            if key is not None:
                _ready[key] = nbformat.reads(executed, as_version=4)
        waited = time.perf_counter()
        self.seconds["waiting for the workers"] += waited - started
        try:
            return self.api.autograde(assignment, student, force=True, create=True)
        finally:
            _ready.clear()
            self.seconds["nbgrader in this process"] += time.perf_counter() - waited


# In a worker process ----------------------------------------------------------------------

def _start_worker(threads, examiners, grader):
    # N kernels at once on the machine's cores: torch's thread pools must not oversubscribe
    # them. Set before the zygote starts, since OpenMP reads it when torch is imported.
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    # (the grader's pid, not getppid(): a grader killed while this worker was still starting
    # has left it to init already)
    threading.Thread(target=_exit_with_parent, args=(grader,), daemon=True).start()
    # A worker ends through multiprocessing, which skips atexit: stop its zygotes and remove
    # their folders then.
    multiprocessing.util.Finalize(None, close_zygotes, exitpriority=10)
    use_pool_examiners(examiners)


def _exit_with_parent(parent):
    """A worker whose grader was killed would wait for work forever: end it (and so its
    zygote, whose requests pipe closes) when the grader is gone."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


_courses = {}  # root -> pipeline.Course, loaded once per worker


def execute_submission(root, assignment, student, path):
    """Sanitize and execute one submitted notebook as nbgrader's autograde would.

    Returns (cells_key of the notebook executed, the executed notebook as JSON), or
    (None, None) when nbgrader should deal with it itself.
    """
    from course import pipeline

    if root not in _courses:
        _courses[root] = pipeline.Course(root)
    course = _courses[root]
    config = course.config
    notebook = Path(path).stem
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return None, None
    resources = {"nbgrader": {"student": student, "assignment": assignment,
                              "notebook": notebook, "db_url": course.db_url},
                 "metadata": {"path": str(Path(path).parent)}, "unique_key": notebook}
    for step in _steps(config, "sanitize_preprocessors"):
        nb, resources = step(config=config)(nb, resources)
    # as nbgrader does between its two passes: the sanitized notebook is written, then read
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    key = cells_key(nb)
    with utils.setenv(NBGRADER_EXECUTION="autograde"):
        nb, resources = ForkedExecute(config=config)(nb, resources)
    return key, nbformat.writes(nb)
