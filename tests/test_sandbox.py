"""The sandbox: what a hostile submission reaches, on both grading paths.

The hostile class (tests/submissions/01_gradient_descent/hostile/) is graded by
`python -m course grade` (the fast path) and by `grade --workers 0` (plain nbgrader, a new
sandboxed kernel per notebook; all but the files tests/classes.py lists in FAST_PATH_ONLY,
whose defences do not depend on the path); an honest control is graded before the attackers
and a blank notebook after them. Attack files write the marker PWNED-<name> into whatever
they reach.
"""

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course import sandbox, submissions
from tests.classes import BLANK_LAST, CANARY, CONTROL, assert_scores, hidden_test_lines
from tests.classes import HOSTILE_ASSIGNMENT as ASSIGNMENT

pytestmark = pytest.mark.pipeline

PATHS = ["hostile_class", "hostile_class_plain"]
ATTACKERS = [v.name for v in submissions.catalogue(ASSIGNMENT, "hostile")]


@pytest.fixture(params=PATHS, ids=["fast path", "plain nbgrader"])
def graded_class(request):
    return request.getfixturevalue(request.param)


def own_files(student):
    """A student's own submission, autograded notebook and feedback: the only places where
    an attacker's code (and so its marker) may stand."""
    return [Path(kind) / student for kind in ("submitted", "autograded", "feedback")]


def test_honest_students_keep_their_grades(graded_class):
    course, _, _ = graded_class
    every_cell = set(submissions.autograded_cells(submissions.read_source(ASSIGNMENT)))
    assert_scores(course, ASSIGNMENT, CONTROL, losing=set())  # the full solution
    assert_scores(course, ASSIGNMENT, BLANK_LAST, losing=every_cell)


def test_no_attack_wrote_anything_outside_its_own_files(graded_class):
    course, _, _ = graded_class
    marked = []
    for path in course.root.rglob("*"):
        relative = path.relative_to(course.root)
        if not path.is_file() or any(relative.is_relative_to(own)
                                     for student in ATTACKERS for own in own_files(student)):
            continue
        if b"PWNED-" in path.read_bytes():
            marked.append(str(relative))
    package = Path(sandbox.__file__).parent
    marked += [str(p) for p in package.rglob("*.py") if "PWNED-" in p.read_text()]
    home = Path.home() / ".ipython" / "profile_default" / "startup"
    marked += [str(p) for p in home.glob("*") if "PWNED-" in p.read_text(errors="replace")]
    assert not marked


def test_submissions_and_timestamps_are_byte_identical(graded_class):
    """Only the grader changes submitted/: an unreadable notebook is kept as .broken."""
    course, _, _ = graded_class
    now = {p: hashlib.sha256(p.read_bytes()).hexdigest()
           for p in (course.root / "submitted").rglob("*") if p.is_file()}
    for path, digest in course.submitted_hashes.items():
        kept = path.with_name(path.name + ".broken")
        assert now.get(kept if kept in now else path) == digest, path


def test_no_feedback_shows_hidden_tests_solutions_gradebook_or_environment(graded_class):
    course, _, _ = graded_class
    hidden = hidden_test_lines(ASSIGNMENT)  # not also a line students see
    secrets = {"### BEGIN HIDDEN TESTS", "### BEGIN SOLUTION", "SQLite format 3",
               os.environ[CANARY]}
    leaks = {}
    for page in (course.root / "feedback").rglob("*.html"):
        text = page.read_text(errors="replace")
        found = [s for s in secrets | hidden if s in text]
        if found:
            leaks[str(page.relative_to(course.root))] = found[:3]
    assert not leaks


def test_nothing_a_submission_started_is_left_running(graded_class):
    leftover = subprocess.run(["pgrep", "-f", "sleep 97"], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


def test_grade_prints_no_terminal_control_characters(graded_class):
    _, _, output = graded_class
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x9b]", output)


def test_with_the_sandbox_off_the_fast_path_grades_too(tmp_path):
    """`grade --no-sandbox` (a trusted class): the zygote is made to be its sandbox's PID 1,
    so there each kernel is a new interpreter, and the examiner reaches it over loopback TCP.
    It graded nothing before (the zygote looked for itself as PID 1 of a sandbox)."""
    from tests import classes

    full, blank = submissions.full_solution(ASSIGNMENT), submissions.blank(ASSIGNMENT)
    course = classes.prepare(tmp_path, ASSIGNMENT, {"full": full, "blank": blank})
    done = subprocess.run([sys.executable, "-m", "course", "grade", "--course-dir",
                           str(course.root), "--no-sandbox"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    every = submissions.autograded_cells(submissions.read_source(ASSIGNMENT))
    classes.assert_scores(course, ASSIGNMENT, "full", set())
    classes.assert_scores(course, ASSIGNMENT, "blank", set(every))


def test_no_sandbox_refuses_to_grade_and_says_how_to_install(tmp_path):
    env = dict(os.environ, COURSE_BWRAP="/nonexistent/bwrap")
    env.pop(sandbox.OPT_OUT, None)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    done = subprocess.run([sys.executable, "-m", "course", "grade", "--course-dir",
                           str(tmp_path)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "apt-get install bubblewrap" in done.stderr and "--no-sandbox" in done.stderr


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = Path(f"/proc/{parent}/task/{parent}/children")
        try:
            kids = [int(c) for c in children.read_text().split()]
        except OSError:
            continue
        found += kids
        todo += kids
    return found


@pytest.mark.parametrize("workers", ["2", "0"], ids=["fast path", "plain nbgrader"])
def test_killing_the_grader_leaves_no_process_behind(tmp_path, workers):
    from tests import classes

    sleeper = submissions.full_solution(ASSIGNMENT)
    submissions.nbgrader_cells(sleeper)["f"].source = (
        "import time\ntime.sleep(60)\ndef f(x):\n    return (x - 0.5) ** 2\n")
    course = classes.prepare(tmp_path, ASSIGNMENT, {"a_sleeper": sleeper, "b_sleeper": sleeper})
    grader = subprocess.Popen(
        [sys.executable, "-m", "course", "grade", "--course-dir", str(course.root),
         "--workers", workers], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    kernels = []
    while time.monotonic() < deadline and not kernels:
        time.sleep(0.5)
        kernels = [p for p in descendants(grader.pid)
                   if b"ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes()
                   or b"course.zygote" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert kernels, "no kernel started"
    time.sleep(3)  # the sleeping cell runs
    everything = descendants(grader.pid)
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in everything):
        time.sleep(0.2)
    alive = [p for p in everything if Path(f"/proc/{p}").exists()
             and "Z" not in Path(f"/proc/{p}/stat").read_text().split(")")[-1][:3]]
    assert not alive


REACH = '''
import os, pathlib
reached = []
for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
    for name in ("gradebook.db", "nbgrader_config.py"):
        target = folder / name
        if not target.is_file():
            continue
        try:
            with open(target, "ab") as file:
                file.write(b"PWNED-nbgrader-cli")
            reached.append(str(target))
        except OSError:
            pass
print("reached:", reached, "uid:", os.getuid())
def f(x):
    return (x - 0.5) ** 2
'''


def test_nbgrader_autograde_command_runs_submissions_in_the_sandbox(tmp_path):
    """An instructor who only types nbgrader's own commands is protected too."""
    from tests import classes

    attacker = submissions.full_solution(ASSIGNMENT)
    submissions.nbgrader_cells(attacker)["f"].source = REACH
    course = classes.prepare(tmp_path, ASSIGNMENT, {
        CONTROL: submissions.full_solution(ASSIGNMENT), "writes_upwards": attacker})
    config = (course.root / "nbgrader_config.py").read_bytes()
    subprocess.run(["nbgrader", "autograde", ASSIGNMENT, "--force"], cwd=course.root,
                   check=True, capture_output=True, timeout=600,
                   env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
    assert_scores(course, ASSIGNMENT, CONTROL, losing=set())
    assert_scores(course, ASSIGNMENT, "writes_upwards", losing=set())
    assert (course.root / "nbgrader_config.py").read_bytes() == config
    graded = (course.root / "autograded" / "writes_upwards" / ASSIGNMENT
              / "gradient_descent.ipynb").read_text()
    assert "reached: []" in graded and "uid: 0" not in graded


def autograded_text(course, student):
    return (course.root / "autograded" / student / ASSIGNMENT / "gradient_descent.ipynb"
            ).read_text()


def test_attacks_that_hit_a_limit_end_there_with_the_reason(graded_class):
    course, _, _ = graded_class
    assert "used up its time limit" in autograded_text(course, "sleeps_past_the_notebook_limit")
    bomb = autograded_text(course, "memory_bomb")  # c.Sandbox.memory is 3 GiB in this class
    assert "4 GiB at once: refused" in bomb and "held 4096 MiB" not in bomb
    started = re.search(r"started (\d+) processes", autograded_text(course, "fork_bomb"))
    assert started and int(started.group(1)) < 40  # c.Sandbox.processes of the hostile class


def test_a_flood_of_output_is_cut_with_the_reason(hostile_class):
    """On the fast path only, as the files in tests/classes.py's FAST_PATH_ONLY: the output
    limits are the same code on both paths."""
    course, _, _ = hostile_class
    flood = autograded_text(course, "prints_a_20mb_line")
    assert "output cut: this cell printed more than" in flood and len(flood) < 2_000_000
    assert "the notebook printed more than" not in flood  # what was cut does not count


def test_injected_html_is_inert_in_the_feedback(hostile_class):
    """On the fast path only: feedback is rendered alike on both paths."""
    course, _, _ = hostile_class
    page = (course.root / "feedback" / "injects_html_and_terminal_escapes" / ASSIGNMENT
            / "gradient_descent.html").read_text()
    assert not re.search(r"<script[^>]*>[^<]*PWNED", page)
    assert not re.search(r"<[^>]+\son\w+\s*=", page.replace('onclick="toggle_name', ""))
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", page)


@pytest.mark.parametrize("path", [[], ["--workers", "0"]], ids=["fast path", "plain nbgrader"])
def test_a_kernel_cannot_write_to_the_graders_terminal(tmp_path, path):
    """What a kernel writes to its own descriptors 1 and 2 (terminal escapes, a forged summary
    line) never reaches the terminal of whoever runs `grade`: the hostile file
    writes_to_the_graders_terminal, graded by `grade` in a process of its own whose real
    stdout and stderr are read here."""
    from tests import classes

    name = "writes_to_the_graders_terminal"
    cases = {s: nb for s, nb in classes.hostile_cases().items() if s in (CONTROL, name)}
    course = classes.prepare(tmp_path, ASSIGNMENT, cases, classes.HOSTILE_CONFIG)
    done = subprocess.run([sys.executable, "-m", "course", "grade", "--course-dir",
                           str(course.root), ASSIGNMENT, *path], capture_output=True,
                          timeout=600)
    seen = done.stdout + done.stderr
    assert done.returncode == 0, seen.decode(errors="replace")[-2000:]
    assert b"PWNED" not in seen and b"\x1b]0;" not in seen
    assert_scores(course, ASSIGNMENT, name, set())
