"""Grade one simulated class twice, with stock nbgrader and with the fast path, and compare.

    .venv/bin/python benchmarks/grade_class.py [--students 40] [--workers N]

The class: N students, each submitting every assignment; student i hands in the full
solution, the blank release or one of the catalogued mutants, in turn. Two course
directories get the same submissions. One is graded by **stock** nbgrader: `nbgrader
autograde <assignment>` (a process per assignment, as an instructor would type it) with a
config that sets only the course id, so nbgrader's default preprocessors, no sandbox, a new
kernel per notebook. The other is graded by the course's fast path (course.parallel.Pool, as
`python -m course grade` uses it: every kernel sandboxed, forked from a sandboxed zygote).
The script checks that both gradebooks hold identical scores for every test cell (exit 1 if
not), then prints both times, the ratio, the cost per notebook, and the floors measured in
the same run: what one notebook holding only `import torch` costs in a new kernel, in a new
kernel inside the sandbox (the difference is the sandbox's cost per notebook on the plain
path), and forked inside the sandbox. The fast path is run twice, without and with the
examiner (course.examiner: test cells in a kernel of their own), for the examiner's cost.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course import parallel, pipeline, submissions
from course.sandbox import SandboxedKernelManager
from course.zygote import ForkingKernelManager

STOCK_CONFIG = 'c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "autodiff-course"\n'


def simulated_class(assignment, n):
    """student id -> notebook: full, blank and every mutant in turn, n students in all."""
    kinds = list(submissions.sample_class(
        assignment, submissions.catalogue(assignment, "mutants")).items())
    students = {}
    for i in range(n):
        name, nb = kinds[i % len(kinds)]
        students[f"s{i:03d}_{name}"] = nb
    return students


def prepare(root, assignments, n, stock=False, extra_config=""):
    root = pipeline.make_course_dir(root, assignments, extra_config)
    if stock:  # nbgrader as installed: its default preprocessors, nothing of the course's
        (root / "nbgrader_config.py").write_text(STOCK_CONFIG)
    course = pipeline.Course(root)
    for assignment in assignments:
        course.generate(assignment)
        for student, nb in simulated_class(assignment, n).items():
            course.submit(assignment, student, nb)
    return course


def all_scores(course, assignments):
    return {(a, s): scores for a in assignments
            for s, scores in course.class_scores(a, course.students(a)).items()}


def floor(kernel_manager_class=None, repeats=3):
    """Median seconds to run a notebook whose only cell is `import torch`."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import torch")])
    options = {"kernel_manager_class": kernel_manager_class} if kernel_manager_class else {}
    times = []
    for _ in range(repeats + (1 if kernel_manager_class else 0)):
        started = time.perf_counter()
        NotebookClient(nb, kernel_name="python3", extra_arguments=[
            "--IPKernelApp.log_level=ERROR"], **options).execute()
        times.append(time.perf_counter() - started)
    if kernel_manager_class:
        times = times[1:]  # the first one also starts the zygote (or checks bwrap)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--assignment", action="append",
                        help="only this assignment (repeatable; default: all four)")
    parser.add_argument("--keep", action="store_true", help="keep the course directories")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # both paths run torch on one thread
    assignments = args.assignment or submissions.assignments()
    notebooks = args.students * len(assignments)
    work = Path(tempfile.mkdtemp(prefix="grade-class-bench-"))
    print(f"a class of {args.students} students x {len(assignments)} assignments = "
          f"{notebooks} notebooks, on {os.cpu_count()} cores; in {work}", flush=True)

    plain_floor = floor()
    sandboxed_floor = floor(SandboxedKernelManager)
    fork_floor = floor(ForkingKernelManager)

    seconds, courses = {}, {}
    for label, extra in (("without the examiner", "c.ResilientExecute.examiner = False"),
                         ("with the examiner", "")):
        course = courses[label] = prepare(work / label.replace(" ", "-"), assignments,
                                          args.students, extra_config=extra)
        print(f"\nfast path {label}, {args.workers} workers:", flush=True)
        started = time.perf_counter()
        with parallel.Pool(course, args.workers) as pool:
            for assignment in assignments:
                pool.prefetch(assignment, course.students(assignment))
            for assignment in assignments:
                course.autograde(assignment, course.students(assignment), pool=pool)
        seconds[label] = time.perf_counter() - started
    fast, fast_seconds = courses["with the examiner"], seconds["with the examiner"]
    bare = seconds["without the examiner"]

    plain = prepare(work / "plain", assignments, args.students, stock=True)
    print("\nstock nbgrader autograde:", flush=True)
    started = time.perf_counter()
    for assignment in assignments:
        t0 = time.perf_counter()
        subprocess.run(["nbgrader", "autograde", assignment, "--force"], cwd=plain.root,
                       check=True, capture_output=True)
        print(f"  {assignment}: {time.perf_counter() - t0:.0f} s", flush=True)
    plain_seconds = time.perf_counter() - started

    plain_scores, fast_scores = all_scores(plain, assignments), all_scores(fast, assignments)
    bare_scores = all_scores(courses["without the examiner"], assignments)
    differ = [k for k in plain_scores
              if plain_scores[k] != fast_scores.get(k) or plain_scores[k] != bare_scores.get(k)]
    graded = sum(1 for v in plain_scores.values() if v)
    print(f"""
scores: {'identical' if not differ else f'DIFFERENT for {len(differ)} submissions'} \
({graded} of {notebooks} notebooks graded, {sum(len(v) for v in plain_scores.values())} \
test cells compared)
stock nbgrader autograde: {plain_seconds:7.1f} s  {plain_seconds / notebooks:5.2f} s per notebook
fast path ({args.workers} workers):     {fast_seconds:7.1f} s  \
{fast_seconds / notebooks:5.2f} s per notebook (wall time)
ratio:                    {plain_seconds / fast_seconds:7.1f}x
the examiner's cost:      {(fast_seconds - bare) / notebooks:+5.2f} s per notebook, \
{100 * (fast_seconds - bare) / bare:+.0f}% over the fast path without it ({bare:.1f} s)
floor, a notebook of only `import torch`: {plain_floor:.2f} s in a new kernel, \
{sandboxed_floor:.2f} s in a new sandboxed one, {fork_floor:.2f} s forked in the sandbox
the sandbox's cost per notebook (new kernels): {sandboxed_floor - plain_floor:+.2f} s
in the fast path's main process: {pool.seconds['nbgrader in this process']:.1f} s in \
nbgrader's own autograde (sanitize, gradebook, writing), \
{pool.seconds['waiting for the workers']:.1f} s waiting for the workers""")
    for key in differ[:10]:
        print(f"  {key}: plain {plain_scores[key]} fast {fast_scores.get(key)}")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if differ or graded < notebooks else 0


if __name__ == "__main__":
    sys.exit(main())
