"""The instructor's command line: python -m course {demo,grade,release} (see --help)."""

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from course import parallel, pipeline, sandbox, submissions


def demo(args):
    """The whole instructor cycle on a built-in sample class, printing each student's scores."""
    if not _sandbox_ready(args):
        return 2
    root = Path(args.course_dir or tempfile.mkdtemp(prefix="autodiff-demo-"))
    print(f"course directory: {root}")
    pipeline.make_course_dir(root, args.assignment)
    course = pipeline.Course(root)
    started = time.perf_counter()
    classes, tables = {}, []
    for assignment in args.assignment or submissions.assignments():
        course.generate(assignment)
        print(f"generated the student version of {assignment}: {root / 'release' / assignment}")
        classes[assignment] = _sample_class(course, assignment, args.mutants)
    with _pool(course, args.workers, classes) as pool:
        for assignment, students in classes.items():
            course.autograde(assignment, students, pool=pool)
            course.feedback(assignment)
            tables.append((assignment, pipeline.score_table(course, assignment, students)))
    csv = course.export(root / "grades.csv")
    for assignment, table in tables:
        print(f"\nScores for {assignment} (points per question):\n{table}")
    print(f"\nfeedback (HTML per student): {root / 'feedback'}")
    print(f"grades (CSV): {csv}")
    print(f"gradebook: {course.db_url}")
    print(f"to see the class in formgrader: make instructor COURSE={root}")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


def _sample_class(course, assignment, n_mutants):
    """Submit the full solution, the blank release and n_mutants catalogued bugs; their ids."""
    mutants = submissions.catalogue(assignment, "mutants")
    chosen = mutants[:: max(1, len(mutants) // n_mutants)][:n_mutants] if n_mutants else []
    students = submissions.sample_class(assignment, chosen)
    for student, nb in students.items():
        course.submit(assignment, student, nb)
    return list(students)


def grade(args):
    """Grade a class: autograde submitted/, feedback, grades.csv, and what students got wrong."""
    root = Path(args.course_dir).resolve()
    if not (root / "nbgrader_config.py").is_file():
        print(f"error: {root} has no nbgrader_config.py: pass the course directory with "
              "--course-dir (the folder holding source/ and submitted/)", file=sys.stderr)
        return 2
    if not _sandbox_ready(args):
        return 2
    course = pipeline.Course(root)
    attention, classes = {}, {}
    for assignment in args.assignment or sorted(p.name for p in (root / "source").iterdir()
                                                 if p.is_dir()):
        students = course.students(assignment)
        if not students:
            print(f"{assignment}: no submissions in {root / 'submitted'}")
            continue
        if not course.knows(assignment):  # e.g. a fresh clone: release/ but no gradebook yet
            course.generate(assignment)
        for student in students:
            reason = course.repair(assignment, student)
            if reason:
                attention[(assignment, student)] = f"graded as empty: {reason}"
        classes[assignment] = students
    with _pool(course, args.workers, classes) as pool:
        for assignment, students in classes.items():
            failed = course.autograde(assignment, students, pool=pool)
            attention.update({(assignment, s): f"not graded: {why}" for s, why in failed.items()})
            graded = [s for s in students if s not in failed]
            for student in graded:  # not the student's doing: their grade is not theirs yet
                said = course.messages(assignment, student).values()
                if any(m.startswith("ExaminerStopped:") for m in said):
                    attention[(assignment, student)] = (
                        "graded, but the examiner stopped before some tests (the log says why): "
                        "grade it again")
                elif any(m.startswith("OutputIncomplete:") for m in said):
                    attention[(assignment, student)] = (
                        "graded, but a test's output never ended (a busy machine, or a kernel "
                        "that stopped saying so): grade it again")
            for student, why in course.feedback(assignment, graded).items():
                attention[(assignment, student)] = f"graded, but no feedback: {why}"
            print(f"\n{assignment}: what students lost points on\n"
                  + pipeline.failure_summary(course, assignment, graded))
            print(f"{assignment}: written answers\n"
                  + pipeline.hand_grading_summary(course, assignment, graded))
    print(f"\ngrades (CSV): {course.export(root / 'grades.csv')}")
    print(f"feedback (HTML per student): {root / 'feedback'}")
    if attention:
        print(f"\n{len(attention)} submission(s) need your attention:", file=sys.stderr)
        for (assignment, student), why in sorted(attention.items()):
            print(f"  {assignment} {pipeline.printable(student)}: {pipeline.printable(why)}",
                  file=sys.stderr)
        return 1
    return 0


def _sandbox_ready(args):
    """Whether submissions may run: in bubblewrap, or unsandboxed when asked for loudly."""
    if args.no_sandbox:
        os.environ[sandbox.OPT_OUT] = "1"
    if sandbox.disabled():
        print("WARNING: the sandbox is OFF: every submission runs with your user's rights and "
              "can read and change the gradebook, the solutions and other students' work. "
              "Only for a class you trust.", file=sys.stderr)
        return True
    try:
        sandbox.check()
    except sandbox.SandboxUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return False
    return True


@contextlib.contextmanager
def _pool(course, workers, classes):
    """A course.parallel.Pool with that many workers, already running every class (assignment
    -> students) in order; or None, for plain nbgrader, when workers is 0."""
    if workers == 0:
        yield None
        return
    with parallel.Pool(course, workers) as pool:
        for assignment, students in classes.items():
            pool.prefetch(assignment, students)
        yield pool


def release(args):
    """Regenerate the committed release/ from source/ with nbgrader generate_assignment."""
    with tempfile.TemporaryDirectory(prefix="autodiff-release-") as tmp:
        pipeline.make_course_dir(tmp)
        course = pipeline.Course(tmp)
        for assignment in submissions.assignments():
            generated = course.generate(assignment)
            target = submissions.RELEASE / assignment
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(generated, target)
            print(f"release/{assignment}: regenerated from source/{assignment}")
    return 0


def _workers_option(command):
    command.add_argument(
        "--no-sandbox", action="store_true",
        help="run submissions WITHOUT the bubblewrap sandbox (a trusted class only; the same "
             "as COURSE_NO_SANDBOX=1)")
    command.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, metavar="N",
        help="run the notebooks in N worker processes, in kernels forked from one that has "
             "already imported torch, while nbgrader records the grades (default: the "
             "number of cores, here %(default)s); 0 runs plain nbgrader, one new kernel "
             "per notebook")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run_demo = commands.add_parser("demo", help=demo.__doc__)
    run_demo.add_argument("--course-dir", help="where to build the course (default: a new "
                          "temporary folder, kept so that you can open the feedback)")
    run_demo.add_argument("--assignment", action="append",
                          help="grade only this assignment (repeatable; default: all)")
    run_demo.add_argument("--mutants", type=int, default=4,
                          help="how many catalogued wrong submissions per assignment (default 4)")
    _workers_option(run_demo)
    run_demo.set_defaults(run=demo)

    run_grade = commands.add_parser("grade", help=grade.__doc__)
    run_grade.add_argument("assignment", nargs="*", help="assignment ids (default: all in source/)")
    run_grade.add_argument("--course-dir", default=".", help="the course directory (default: .)")
    _workers_option(run_grade)
    run_grade.set_defaults(run=grade)

    run_release = commands.add_parser("release", help=release.__doc__)
    run_release.set_defaults(run=release)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except pipeline.PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
