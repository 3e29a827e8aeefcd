"""Feedback and formgrader show a submission without running anything in it, and `grade`
prints a submission's text without terminal escapes.

The hostile notebook is a real autograded one: a submission graded by nbgrader's autograde
into a real gradebook, whose markdown answer and outputs are then replaced by hostile ones
(no kernel could be made to produce all of them), as a student controls both.
"""

import base64
import io

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_output
from nbgrader.api import Gradebook
from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

from course import pipeline, submissions
from course.preprocessors import SanitizeOutputs

ASSIGNMENT = "01_gradient_descent"
NOTEBOOK = submissions.notebook_name(ASSIGNMENT)
STUDENT = "mallory"
MARK = "PWNED"  # in every payload; must never reach a script, an attribute or a URL

# A real 1x1 PNG: the student's plot, which feedback must still show.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5E"
       "rkJggg==")

HOSTILE_MARKDOWN = f"""\
My answer: **the minimum is at 0.5**, since `f'(x) < 0` left of it and
$f'(x) = 2(x - 0.5)$.

- a step of 1 oscillates
- a step above 1 diverges

> quoted

<script>alert('{MARK} script')</script>
<img src=x onerror="alert('{MARK} img')">
<iframe src="javascript:alert('{MARK} iframe')"></iframe>
<svg onload="alert('{MARK} svg')"><script>alert('{MARK} svg script')</script></svg>
<details open ontoggle="alert('{MARK} details')">x</details>
<a href="JaVaScRiPt&#58;alert('{MARK} entity link')">entity link</a>
<object data="javascript:alert('{MARK} object')"></object>
<style>body {{ background: url("javascript:alert('{MARK} css')") }}</style>

[a link](javascript:alert('{MARK}%20md%20link')) and <javascript:alert('{MARK}-autolink')>
"""

HOSTILE_HTML = (f"<p>kept paragraph</p><script>alert('{MARK} html')</script>"
                f"<img src=x onerror=\"alert('{MARK} html img')\">"
                f"<a href=\"javascript:alert('{MARK} html link')\">click</a>"
                f"<iframe src=\"https://example.org/{MARK}\"></iframe>"
                f"<svg><a href=\"javascript:alert('{MARK}')\"><text>svg link</text></a></svg>"
                f"<form action=\"javascript:alert('{MARK}')\"><button>go</button></form>")


def hostile_outputs():
    return [
        new_output("display_data", data={"text/html": HOSTILE_HTML, "text/plain": "html"}),
        new_output("execute_result", execution_count=1, data={
            "text/html": f"<b onmouseover=\"alert('{MARK} result')\">result</b>",
            "text/plain": "result"}),
        new_output("display_data", data={"image/svg+xml": (
            f"<svg xmlns='http://www.w3.org/2000/svg' onload=\"alert('{MARK} svg output')\">"
            f"<script>alert('{MARK} svg output script')</script></svg>")}),
        new_output("display_data", data={
            "text/markdown": f"*md output* <script>alert('{MARK} md output')</script>"
                             f" [x](javascript:alert('{MARK}'))"}),
        new_output("display_data", data={"application/javascript": f"alert('{MARK} js')",
                                         "text/plain": "<IPython.core.display.Javascript>"}),
        new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": MARK, "version_major": 2,
                                                         "version_minor": 0},
            "text/plain": "widget"}),
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
    ]


@pytest.fixture(scope="module")
def hostile_course(tmp_path_factory):
    """A course directory in which STUDENT's autograded notebook is hostile, with feedback.

    The blank notebook is submitted and autograded by plain nbgrader (one kernel, ~5 s), so
    the gradebook is nbgrader's own; then its markdown answer and the outputs of a solution
    cell are replaced, and `nbgrader generate_feedback` runs on it.
    """
    root = pipeline.make_course_dir(tmp_path_factory.mktemp("rendering"), [ASSIGNMENT])
    course = pipeline.Course(root)
    course.generate(ASSIGNMENT)
    course.submit(ASSIGNMENT, STUDENT, submissions.blank(ASSIGNMENT))
    assert course.autograde(ASSIGNMENT, [STUDENT], out=io.StringIO()) == {}
    path = root / "autograded" / STUDENT / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    answer = next(c for c in nb.cells
                  if c.metadata.get("nbgrader", {}).get("grade_id") == "minimiser_answer")
    answer.source = HOSTILE_MARKDOWN
    solution = next(c for c in nb.cells
                    if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))
    solution.outputs = hostile_outputs()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {MARK: {"model_name": "HTMLModel", "state": {
            "value": f"<img src=x onerror=alert('{MARK} widget')>"}}},
        "version_major": 2, "version_minor": 0}}
    nbformat.write(nb, path)
    assert course.feedback(ASSIGNMENT, [STUDENT]) == {}
    return course, path


def formgrader_exporter(root, monkeypatch):
    """The exporter formgrader renders submissions with, built as nbgrader's server extension
    builds it (load_jupyter_server_extension, FormgradeExtension.init_tornado_settings): the
    extension reads nbgrader_config.py from the directory Jupyter starts in."""
    monkeypatch.chdir(root)
    formgrader = FormgradeExtension()
    formgrader.root_dir = str(root)
    formgrader.initialize([])
    return HTMLExporter(config=formgrader.config)


def formgrade_page(course, path, monkeypatch):
    """What formgrader's SubmissionHandler writes for STUDENT's notebook (handlers.py)."""
    exporter = formgrader_exporter(course.root, monkeypatch)
    assert exporter.template_name == "formgrade"
    with Gradebook(course.db_url) as gradebook:
        submission_id = gradebook.find_submission_notebook(NOTEBOOK, ASSIGNMENT, STUDENT).id
    indices = course.api.get_notebook_submission_indices(ASSIGNMENT, NOTEBOOK)
    resources = {
        "assignment_id": ASSIGNMENT, "notebook_id": NOTEBOOK, "submission_id": submission_id,
        "index": indices.get(submission_id, -2), "total": len(indices), "base_url": "",
        "student": STUDENT, "last_name": None, "first_name": None,
        "notebook_path": f"autograded/{STUDENT}/{ASSIGNMENT}/{NOTEBOOK}.ipynb",
    }
    html, _ = exporter.from_filename(str(path), resources=resources)
    return html


def assert_runs_nothing(html, own_handlers=()):
    """No script, event handler, frame or javascript: URL of the submission in the page.

    own_handlers: on* attribute values the page's own template writes (formgrader's).
    """
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert MARK not in script.get_text(), script
        assert script.get("type") != "application/vnd.jupyter.widget-state+json", script
    for tag in page.find_all(["iframe", "object", "embed", "frame", "form", "svg", "details"]):
        assert MARK not in str(tag), tag
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            assert MARK not in value, (tag.name, name, value)
            assert not value.strip().lower().startswith(("javascript:", "vbscript:")), tag
            if name.lower().startswith("on"):
                assert value in own_handlers, (tag.name, name, value)
    # Every SVG of an output is an <img> (a browser runs no script of an image), never inline.
    svgs = [img["src"] for img in page.find_all("img")
            if img.get("src", "").startswith("data:image/svg+xml")]
    for src in svgs:
        assert b"<svg" in base64.b64decode(src.split(",", 1)[1])


def assert_readable(html):
    """The student's plot, their markdown and the outputs' harmless HTML still show."""
    page = BeautifulSoup(html, "html.parser")
    assert any(img.get("src") == f"data:image/png;base64,{PNG}" for img in page.find_all("img"))
    assert page.find("strong", string="the minimum is at 0.5")
    assert page.find("code", string="f'(x) < 0")  # not "&lt;" shown as text
    assert "$f'(x) = 2(x - 0.5)$" in page.get_text()
    assert page.find("li", string="a step above 1 diverges")
    assert page.find("blockquote")
    assert page.find("p", string="kept paragraph")
    assert "&lt;p&gt;" not in html
    # What was stripped is shown as text, so that the instructor sees what was tried.
    assert f"<script>alert('{MARK} script')</script>" in page.get_text()


@pytest.mark.pipeline
def test_feedback_runs_nothing_of_the_submission_and_still_shows_its_work(hostile_course):
    course, _ = hostile_course
    page = course.root / "feedback" / STUDENT / ASSIGNMENT / f"{NOTEBOOK}.html"
    html = page.read_text()
    assert_runs_nothing(html)
    assert_readable(html)


@pytest.mark.pipeline
def test_formgrader_runs_nothing_of_the_submission_and_still_shows_its_work(hostile_course,
                                                                          monkeypatch):
    course, path = hostile_course
    html = formgrade_page(course, path, monkeypatch)
    assert "score" in html and "minimiser_answer" in html  # formgrader's own grading form
    assert_runs_nothing(html, own_handlers={"toggle_name(true);", "toggle_name(false);"})
    assert_readable(html)


@pytest.mark.pipeline
def test_without_the_course_config_formgrader_would_run_the_submission(hostile_course,
                                                                     monkeypatch, tmp_path):
    """The page test above can fail: plain nbgrader, even with nbconvert's sanitize_html
    alone, leaves the markdown answer's <script> in the formgrade page."""
    course, path = hostile_course
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.HTMLExporter.sanitize_html = True\n")
    exporter = formgrader_exporter(tmp_path, monkeypatch)
    resources = {"assignment_id": ASSIGNMENT, "notebook_id": NOTEBOOK, "submission_id": "x",
                 "index": 0, "total": 1, "base_url": "", "student": STUDENT,
                 "last_name": None, "first_name": None, "notebook_path": "x"}
    html, _ = exporter.from_filename(str(path), resources=resources)
    with pytest.raises(AssertionError):
        assert_runs_nothing(html, own_handlers={"toggle_name(true);", "toggle_name(false);"})


def test_sanitize_outputs_keeps_plots_and_text_and_drops_what_could_run():
    cell = nbformat.v4.new_code_cell("x", outputs=hostile_outputs())
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {"state": MARK}})
    nb, _ = SanitizeOutputs().preprocess(nb, {})
    kept = [sorted(o.get("data", {})) for o in nb.cells[0].outputs]
    assert kept == [["text/html", "text/plain"], ["text/html", "text/plain"], ["image/svg+xml"],
                    ["text/markdown"], ["text/plain"], ["text/plain"],
                    ["image/png", "text/plain"]]
    assert nb.cells[0].outputs[-1].data["image/png"] == PNG and "widgets" not in nb.metadata
    html = nb.cells[0].outputs[0].data["text/html"]
    assert html.startswith("<p>kept paragraph</p>&lt;script&gt;") and "<a>click</a>" in html
    assert_runs_nothing(html)


def test_failure_summary_prints_no_terminal_escapes():
    class Graded:  # what failure_summary reads of a Course
        def messages(self, assignment, student):
            return {"test_grad_f": "AssertionError: \x1b[2J\x1b[H\x1b]0;owned\x07grad_f(0.0) "
                                   "is\r wrong\x9b31m \x07\x08\u202eevil\x00"}

        def class_scores(self, assignment, students):
            return {student: {"test_grad_f": (0.0, 1.0)} for student in students}

    line = pipeline.failure_summary(Graded(), ASSIGNMENT, ["\x1b[31meve"])
    assert line == ("  test_grad_f                            1/1 lost points; most often: "
                    "AssertionError: grad_f(0.0) is  wrong31m evil")
    assert line.isprintable()


def test_progress_lines_print_no_terminal_escapes(tmp_path):
    class FailingPool:  # a worker pool whose autograde fails with a hostile log
        def prefetch(self, assignment, students):
            pass

        def autograde(self, assignment, student):
            return {"success": False, "log": "ValueError: \x1b]0;owned\x07bad\x1b[1A"}

    course = pipeline.Course(pipeline.make_course_dir(tmp_path, [ASSIGNMENT]))
    out = io.StringIO()
    failed = course.autograde(ASSIGNMENT, ["eve\x1b[2J\rbob"], out=out, pool=FailingPool())
    assert all(line.isprintable() for line in out.getvalue().splitlines())
    assert "eve bob" in out.getvalue()
    assert [pipeline.printable(why) for why in failed.values()] == ["ValueError: bad"]


@pytest.mark.parametrize("text, newlines, printed", [
    ("a\x1b[2Jb", False, "ab"),                                   # clear screen
    ("x\x1b]0;title\x07y", False, "xy"),                          # window title (OSC, BEL)
    ("h\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\i", False, "hlinki"),  # hyperlink (OSC, ST)
    ("c\rd\ne\tf", False, "c d e f"),
    ("c\r\nd", True, "c \nd"),
    ("f\x9b31mg\x7f\x00", False, "f31mg"),                         # C1 CSI, DEL, NUL
    ("\u202eabc", False, "abc"),                                   # right-to-left override
    ("∂y/∂x = 2(x − ½)", False, "∂y/∂x = 2(x − ½)"),
])
def test_printable(text, newlines, printed):
    assert pipeline.printable(text, newlines) == printed
