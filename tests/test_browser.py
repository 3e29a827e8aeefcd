"""The student's and the instructor's flow in a real browser: JupyterLab with nbgrader's
extensions, on localhost, driven by Playwright in headless Chromium.

Run them alone with `make test PYTEST_ARGS="-m browser"`. Each test saves screenshots in
test-output/ (COURSE_SCREENSHOTS to change it) for a person to look at.
"""

import contextlib
import re
import shutil

import pytest
from nbgrader.api import Gradebook
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from course import cli, pipeline, submissions
from tests.browser import SCREENSHOTS, chromium_page, jupyter_lab, require_chromium

pytestmark = pytest.mark.browser

ASSIGNMENT = "01_gradient_descent"
ANSWER = "def f(x):\n    return (x - 0.5) ** 2\n"


@pytest.fixture(autouse=True)
def _chromium():
    require_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def code_cell(page, text):
    """The notebook's code cell whose source contains text."""
    return page.locator(".jp-Notebook .jp-CodeCell").filter(has_text=text).first


def run_all_and_wait(page):
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    # Run All stops at the first cell that raises, here the test of grad_f, unanswered
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')];
            return prompts.length > 0 && !prompts.some(p => p.textContent.includes('[*]'))
                && prompts.some(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=120_000)


@contextlib.contextmanager
def student_notebook(tmp_path, assignment):
    """A page showing a copy of the assignment's release notebook in JupyterLab, kernel idle."""
    notebook = f"{submissions.notebook_name(assignment)}.ipynb"
    folder = tmp_path / "student"
    shutil.copytree(submissions.RELEASE / assignment, folder / assignment)
    with jupyter_lab(folder, tmp_path) as (url, token), chromium_page() as page:
        page.goto(f"{url}/lab/tree/{assignment}/{notebook}?token={token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for()
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
        yield page


def run_cell(page, cell):
    """Run one cell as a student would (select it, Ctrl+Enter) and wait until it has run."""
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(3):  # a key pressed while JupyterLab is still busy can be lost: again
        prompt.click()
        page.keyboard.press("Control+Enter")
        try:
            page.wait_for_function("el => /\\[\\d+\\]/.test(el.textContent)",
                                   arg=prompt.element_handle(), timeout=60_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the cell never ran: {cell.inner_text()[:200]}")


def test_student_answers_runs_all_sees_the_plot_and_validates(tmp_path):
    with student_notebook(tmp_path, ASSIGNMENT) as page:
        answer = code_cell(page, "def f(x):")
        answer.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(ANSWER)
        run_all_and_wait(page)

        # the test of f passed: it has run and shows no error
        test_f = code_cell(page, "Check that f computes")
        assert re.search(r"\[\d+\]", test_f.locator(".jp-InputPrompt").text_content())
        assert test_f.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0

        # the optional step-size explorer renders: a slider and its plot, redrawn on a move
        explorer = code_cell(page, "plots.step_size_explorer(")
        slider = explorer.locator(".widget-slider, .widget-hslider").first
        slider.wait_for()
        plot = explorer.locator(".jp-OutputArea-output img").first
        plot.wait_for()
        before = plot.get_attribute("src")
        explorer.locator(".jp-InputPrompt").click()  # selects the cell and scrolls to it
        plot.scroll_into_view_if_needed()
        plot.wait_for(state="visible")
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "student-notebook-with-plot.png")
        explorer.locator(".noUi-handle").first.focus()
        for _ in range(17):  # eta from 0.30 to 1.15: the steps now grow
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([img, old]) => img.isConnected ? img.src !== old : true",
            arg=[plot.element_handle(), before])
        assert "1.15" in explorer.locator(".widget-readout").text_content()
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "student-explorer-diverging.png")

        # nbgrader's Validate button runs the whole notebook in a fresh kernel
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
        dialog = page.locator(".jp-Dialog", has_text="Validation Results")
        dialog.wait_for(timeout=180_000)
        result = dialog.inner_text()
        page.screenshot(path=SCREENSHOTS / "student-validate-result.png")
    failed = result.count("The following cell failed")
    assert failed > 0, result  # the questions left blank
    assert "Check that f computes" not in result  # the answered one passes
    assert "Check grad_f against autograd" in result and "NotImplementedError" in result


def test_instructor_sees_the_demo_class_scores_in_formgrader(tmp_path):
    root = tmp_path / "course"
    assert cli.main(["demo", "--course-dir", str(root), "--assignment", ASSIGNMENT,
                     "--mutants", "2"]) == 0
    course = pipeline.Course(root)
    with Gradebook(course.db_url) as gradebook:  # the overall score formgrader should show
        expected = {s.id: f"{s.score:g} / {s.max_score:g}" for s in gradebook.students}
    assert len(expected) == 4 and expected["full_solution"] != expected["blank_release"]
    with jupyter_lab(root, tmp_path) as (url, token), chromium_page() as page:
        page.goto(f"{url}/formgrader/manage_students?token={token}")
        page.wait_for_function(
            f"() => document.querySelectorAll('table tbody tr').length >= {len(expected)}")
        rows = [[cell.strip() for cell in row.split("\t")]
                for row in page.locator("table tbody tr").all_inner_texts()]
        page.screenshot(path=SCREENSHOTS / "instructor-formgrader-scores.png")
    shown = {row[1]: row[3] for row in rows}  # Name, Student ID, Email, Overall Score
    assert shown == expected


def test_student_sees_the_computation_graph_picture_in_assignment_5(tmp_path):
    with student_notebook(tmp_path, "05_beyond_backprop") as page:
        for text in ("checks.setup()", "pictures.show_graph("):  # the setup, then the picture
            run_cell(page, code_cell(page, text))
        picture = code_cell(page, "pictures.show_graph(").locator(
            ".jp-OutputArea-output img").first
        try:
            picture.wait_for(timeout=120_000)
        finally:  # a picture to look at, and to see why when it did not come
            page.screenshot(path=SCREENSHOTS / "student-05-graph-picture.png")
        picture.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "student-05-graph-picture.png")
        width = picture.evaluate("img => img.naturalWidth")
    assert width > 200  # a real picture, not a broken image
