"""nbgrader preprocessors that close holes a course must not leave open (see nbgrader_config.py).

- ResilientExecute: runs the kernel in a sandbox (course.sandbox) and within limits that
  say why they stopped it. When a submission kills its kernel (os._exit, a segfault,
  running out of memory), nbgrader 0.9.6 records no grade at all for the notebook: this
  keeps the cells that ran, and marks the cell that died and every later one with an error
  that says why, so the questions before the crash keep their points and the rest score 0.
  The same for a notebook that runs out of time, and output past a size is dropped with a
  note. Locked cells (the setup's imports) get a long time limit that is not the
  student's, and a notebook whose locked cell still times out is run again.
- HideHiddenTests: feedback shows each test cell's source; this removes the hidden part
  (nbgrader issue #917) and leaves the visible checks and the outputs, the student's
  messages.
- SanitizeOutputs, clean_html, clean_markdown_html: feedback and formgrader render a
  submission's markdown and outputs as HTML, and must never run its scripts (see below).
"""

import builtins
import contextlib
import copy
import json
import re
import time
import uuid

import bleach
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, CellTimeoutError, DeadKernelError
from nbconvert.filters import strip_files_prefix
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbformat import NotebookNode, ValidationError
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer, List, Type, Unicode, default

from course import sandbox
from course.channels import UNREADABLE
from course.names import bound_names, callees_only, free_names
from course.zygote import ExaminerKernelManager

DIED = ("KernelDied", "the kernel died while this cell ran (os._exit, a crash, or too much "
        "memory), so this cell and the ones after it were not graded")
NOT_RUN = ("NotRun", "not run: the kernel died or stopped answering in an earlier cell")
STOPPED = ("KernelStopped", "the kernel stopped answering in this cell: interrupted at the time "
           "limit, it still sent nothing (it ignored the interrupt, or was stopped), so this "
           "cell and the ones after it were not graded")
# A cell tagged so draws a picture for the student and defines nothing later cells use: the
# grader skips it (a picture costs as long as a notebook's tests) and says so in the feedback.
ILLUSTRATION = "illustration"
EXAMINER_DIED = ("ExaminerStopped", "the grader's examiner stopped while it ran this test, so it "
                 "and the tests after it were not graded: tell your instructor")
OUTPUT_INCOMPLETE = ("OutputIncomplete", "the kernel answered this test but never said its "
                     "output was complete, so its verdict may be lost: it scores 0 (on a busy "
                     "machine that is no one's doing: ask for it to be graded again)")
OUTPUT_CUT_NOTE = ("\n[the kernel answered this cell but never said its output was complete: "
                   "what it printed may be cut]\n")
OUT_OF_TIME = ("NotebookTimeout", "not run: the notebook used up its time limit in earlier "
               "cells (each cell has its own limit, and all of them together one more)")


class ResilientExecute(Execute):
    """nbgrader's Execute in a sandbox, within limits; a dead kernel costs the rest of the
    notebook, not all of it."""

    notebook_timeout = Integer(
        120, help="Seconds all of a notebook's student cells may run together; the cells "
        "after that are not run and score 0, with the reason.").tag(config=True)
    locked_cell_timeout = Integer(
        300, help="Seconds a locked cell (setup, data) may run: its imports are not the "
        "student's time.").tag(config=True)
    attempts = Integer(
        3, help="Times a notebook is run when a locked cell times out (a busy machine)."
    ).tag(config=True)
    cell_output_bytes = Integer(1 << 20, help="Output kept per cell.").tag(config=True)
    notebook_output_bytes = Integer(8 << 20, help="Output kept per notebook.").tag(config=True)
    examiner = Bool(True, help="Run the test cells in an examiner, a kernel of their own that "
                    "never runs the submission (course.examiner); off, they run in the "
                    "student's kernel as in plain nbgrader.").tag(config=True)
    examiner_skips = List(Unicode(), help="Assignments whose test cells still run in the "
                          "student's kernel.").tag(config=True)
    examiner_kernel_manager_class = Type(
        ExaminerKernelManager, help="The kernel manager of the examiner's kernel."
    ).tag(config=True)

    @default("skip_cells_with_tag")
    def _skip_cells_with_tag_default(self):
        # nbclient skips a cell tagged "skip-execution", and a student can tag a test cell:
        # a skipped test has no error, so full marks. No tag skips a cell here.
        return f"never-skipped-{uuid.uuid4().hex}"

    @default("shutdown_kernel")
    def _shutdown_kernel_default(self):
        return "immediate"  # a grading kernel has nothing to save: waiting for it costs time

    _unreadable = False  # whether this cell's unreadable output was noted (process_message)
    _student_ran = False  # whether a cell of the submission's has run (_cell_timeout)

    def __init__(self, *args, **kwargs):
        if sandbox.disabled():
            kwargs.setdefault("kernel_manager_class", AsyncKernelManager)
        else:
            kwargs.setdefault("kernel_manager_class", sandbox.SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self.timeout_func = self._cell_timeout

    def preprocess(self, nb, resources, km=None):
        for attempt in range(1, self.attempts + 1):
            self._last_attempt = attempt == self.attempts
            try:
                return self._run(nb if self._last_attempt else copy.deepcopy(nb), resources, km)
            except LockedCellTimedOut as slow:
                self.log.warning("%s (attempt %d of %d): running the notebook again",
                                 slow, attempt, self.attempts)

    def _run(self, nb, resources, km):
        self._running = None
        self._student_ran = False
        self._budget = float(self.notebook_timeout)
        self._out_of_time = False
        self._notebook_bytes = 0
        self._exam = self._exam_error = None
        try:
            assignment = (resources or {}).get("nbgrader", {}).get("assignment")
            if not self.examiner or assignment in self.examiner_skips:
                return super().preprocess(nb, resources, km=km)
            # The examiner's own notebook: nbclient writes each cell it runs back into it.
            self._exam = Examination(
                copy.deepcopy(nb), parent=self, shutdown_kernel="immediate",
                skip_cells_with_tag=self.skip_cells_with_tag, iopub_timeout=IOPUB_SECONDS,
                kernel_manager_class=self.examiner_kernel_manager_class,
                timeout_func=self._cell_timeout, interrupt_on_timeout=True, allow_errors=True,
                kernel_name=self.kernel_name, extra_arguments=self.extra_arguments,
                startup_timeout=self.startup_timeout, error_on_timeout=self.error_on_timeout)
            self._attached = False
            self._exam_holds = set(dir(builtins))  # the names its locked cells bound
            tests = [cell.source for cell in nb.cells if cell.cell_type == "code" and _test(cell)]
            self._tests_read = set().union(*(free_names(source) for source in tests))
            # what each cell the examiner may run reads: it need not parse them again
            self._reads = {cell.source: [sorted(free_names(cell.source)),
                                         sorted(callees_only(cell.source))]
                           for cell in nb.cells
                           if cell.cell_type == "code" and (_test(cell) or _locked(cell))}
            self._locked_names = _locked_names(nb, resources)
            with contextlib.ExitStack() as self._exam_stack:
                self._start_examiner()
                return super().preprocess(nb, resources, km=km)
        except (DeadKernelError, KernelStopped) as error:
            if self._running is None:
                raise  # died before any cell ran: nothing to keep
            self.log.warning("the kernel %s in cell %d; grading the cells before it",
                             "died" if isinstance(error, DeadKernelError) else
                             "stopped answering", self._running)
            first = DIED if isinstance(error, DeadKernelError) else STOPPED
            for index, cell in enumerate(nb.cells):
                if index >= self._running and cell.cell_type == "code":
                    cell.outputs.append(_error(*(first if index == self._running else NOT_RUN)))
            return nb, resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        self._cell_bytes, self._cut, self._unreadable = 0, False, False
        # A student can tag any cell: a test cell is run whatever its tags say.
        if (cell.cell_type == "code" and ILLUSTRATION in cell.metadata.get("tags", ())
                and not _test(cell)):
            cell.outputs = [NotebookNode(output_type="stream", name="stdout", text=(
                "(an illustration, not run by the grader: run this cell in JupyterLab to see "
                "it)\n"))]
            return cell, resources
        if cell.cell_type == "code" and not _locked(cell) and self._budget <= 0:
            if not self._out_of_time:
                self.log.warning("notebook time limit reached at cell %d", index)
            self._out_of_time = True
            cell.outputs = [_error(*OUT_OF_TIME)]
            return cell, resources
        started = time.monotonic()
        if cell.cell_type == "code" and not _locked(cell):
            self._student_ran = True  # a solution cell, or a test calling the student's code
        if self._exam is not None and cell.cell_type == "code" and _test(cell):
            cell = self._examine(cell, index)
        else:
            try:
                cell, resources = super().preprocess_cell(cell, resources, index)
            except CellTimeoutError:
                if time.monotonic() - started >= self._cell_timeout(cell):
                    # interrupted at the cell's limit, the kernel sent nothing at all: it
                    # ignores SIGINT, holds the GIL in C, or is stopped, and nothing more can
                    # run in it
                    raise KernelStopped(f"the kernel stopped answering in cell {index}") from None
                # Its reply came and the end of its output did not (IOPub's idle status): a
                # very busy machine, or a kernel whose status publishing was replaced. What
                # came is kept and grading goes on (nbgrader recorded no grade at all). A test
                # cell run here may have lost its verdict with its output: it scores 0.
                self.log.warning("cell %d: its output did not end (no idle status in %s s); "
                                 "grading goes on", index, self.iopub_timeout)
                cell.outputs.append(_error(*OUTPUT_INCOMPLETE) if _test(cell) else NotebookNode(
                    output_type="stream", name="stdout", text=OUTPUT_CUT_NOTE))
            if (_locked(cell) and _timed_out(cell) and not self._student_ran
                    and not self._last_attempt):
                raise LockedCellTimedOut(f"locked cell {index} timed out")
            if self._exam is not None and cell.cell_type == "code" and _locked(cell):
                self._examiner_runs(cell, index)
        if cell.cell_type == "code" and not _locked(cell):
            self._budget -= time.monotonic() - started
        return cell, resources

    def _examine(self, cell, index):
        """Run a test cell in the examiner (course.examiner), its outputs the cell's."""
        self._attach(index)
        if self._exam_error is not None:
            cell.outputs = [_error(*self._exam_error)]
            return cell
        try:
            return self._exam.execute_cell(cell, index, store_history=False)
        except Exception as error:  # noqa: BLE001  (grading goes on; the reason is shown)
            self._examiner_failed(f"in test cell {index}", error)
            cell.outputs = [_error(*EXAMINER_DIED)]
            return cell

    def _examiner_runs(self, cell, index):
        """The examiner runs a locked cell too: its data, references and checks are its own.
        Not a cell that shows the student's code at work (it reads names no earlier locked
        cell bound) and binds nothing a test reads: there only the student's kernel runs it."""
        made = bound_names(cell.source)
        if free_names(cell.source) - self._exam_holds and not made & self._tests_read:
            return
        self._exam_holds |= made
        self._attach(index)
        if self._exam_error is not None:
            return
        own = copy.deepcopy(cell)
        own.outputs = []
        kept = self._cell_bytes, self._notebook_bytes, self._cut
        try:
            self._exam.execute_cell(own, index, store_history=True)
        except Exception as error:  # noqa: BLE001
            self._examiner_failed(f"in locked cell {index}", error)
            return
        finally:  # its output is dropped: it uses up none of the notebook's
            self._cell_bytes, self._notebook_bytes, self._cut = kept
        if _timed_out(own) and not self._last_attempt:
            raise LockedCellTimedOut(f"locked cell {index} timed out in the examiner")

    def _examiner_failed(self, where, error):
        """The examiner died or broke: the tests after it fail with a reason for the student,
        and the instructor's log says what happened (grading itself goes on)."""
        self.log.error("the examiner stopped %s: %s: %s", where, type(error).__name__, error)
        self._exam_error = NOT_RUN_EXAMINER

    def _start_examiner(self):
        """Fork the examiner's kernel now: it gets ready while the student's kernel starts,
        and is connected to in _attach, before the first locked cell."""
        self._exam_stack.callback(self._stop_unattached)
        try:
            self._exam.km = self._exam.create_kernel_manager()
            self._exam.start_new_kernel()
        except Exception as error:  # noqa: BLE001
            self._examiner_failed("before its first cell", error)

    def _stop_unattached(self):
        """A notebook that ended before its first locked or test cell never connected to the
        examiner (nbclient's setup_kernel stops the kernel of one it did)."""
        km = self._exam.km
        if km is not None and self._exam.kc is None and km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)

    def _attach(self, index):
        """Start the examiner and point it at the student's kernel, once, before its first
        cell."""
        if self._attached or self._exam_error is not None:
            return
        self._attached = True
        try:
            self._exam_stack.enter_context(self._exam.setup_kernel())
            info = {k: v.decode() if isinstance(v, bytes) else v
                    for k, v in self.km.get_connection_info().items()}
            limit = self.timeout if self.timeout and self.timeout > 0 else self.notebook_timeout
            seconds = max(1, limit - 1)
            locked = sorted(self._locked_names)
            code = ("import json as _json\nfrom course import examiner as _examiner\n"
                    f"_examiner.attach(_json.loads({json.dumps(json.dumps(info))}), {seconds}, "
                    f"{locked!r}, _json.loads({json.dumps(json.dumps(self._reads))}))\n"
                    "del _json, _examiner")
            probe = NotebookNode(cell_type="code", source=code, metadata={}, outputs=[])
            self._exam.execute_cell(probe, index, store_history=False)
            failed = [o for o in probe.outputs if o.get("output_type") == "error"]
            if failed:
                raise RuntimeError(f"it could not reach the student's kernel: "
                                   f"{failed[0].get('ename')}: {failed[0].get('evalue')}")
        except Exception as error:  # noqa: BLE001
            self._examiner_failed("before its first cell", error)

    def _cell_timeout(self, cell):
        cell_limit = self.timeout if self.timeout and self.timeout > 0 else self.notebook_timeout
        if _locked(cell):
            # The long limit is for what runs before any of the submission (the setup's
            # imports, on a busy machine). After it, a locked cell runs in a kernel the
            # submission may have changed (a torch.manual_seed that never returns): the
            # student's cell limit, and no second run of the notebook.
            return cell_limit if self._student_ran else self.locked_cell_timeout
        return max(1, min(cell_limit, int(self._budget + 1)))

    def process_message(self, msg, cell, cell_index):
        """nbclient's, but an output whose content it cannot read (a stream without text, an
        error without a name: the student's kernel wrote it) is dropped, with a note once per
        cell, rather than stop the notebook's grading (course.channels keeps the rest)."""
        try:
            return super().process_message(msg, cell, cell_index)
        except CellControlSignal:
            raise
        except (*UNREADABLE, ValidationError):  # nbformat refuses what the protocol forbids
            if not self._unreadable:
                self._unreadable = True
                cell.outputs.append(NotebookNode(output_type="stream", name="stdout", text=(
                    "\n[the kernel sent output that could not be read: it was dropped]\n")))
            return None

    def output(self, outs, msg, display_id, cell_index):
        """Keep output up to the per-cell and per-notebook sizes; note once what was cut."""
        if self.admits(outs, msg):
            return super().output(outs, msg, display_id, cell_index)
        return None

    def admits(self, outs, msg):
        """Whether an output fits in what is left of the cell's and the notebook's sizes (the
        examiner's test cells count too); when it does not, a note is added to outs, once."""
        size = len(json.dumps(msg.get("content", {}), default=str))
        over_cell = self._cell_bytes + size > self.cell_output_bytes
        if not over_cell and self._notebook_bytes + size <= self.notebook_output_bytes:
            self._cell_bytes += size
            self._notebook_bytes += size
            return True
        if not self._cut:  # what is dropped counts nowhere: later cells keep their output
            self._cut = True
            where = "this cell" if over_cell else "the notebook"
            limit = self.cell_output_bytes if over_cell else self.notebook_output_bytes
            outs.append(NotebookNode(output_type="stream", name="stdout", text=(
                f"\n[output cut: {where} printed more than {limit // 1024} KiB; "
                "the rest was dropped]\n")))
        return False


# nbclient waits this long for a cell's last output after its reply: an interrupted examiner
# may first wait 5 s for the student's kernel to answer (course.examiner.INTERRUPT_SECONDS).
IOPUB_SECONDS = 8

NOT_RUN_EXAMINER = ("ExaminerStopped", "not graded: the grader's examiner stopped before this test "
                    "(not your code's doing: tell your instructor, whose log says why)")


class Examination(NotebookClient):
    """nbclient on the examiner's kernel (course.examiner): the locked and test cells, within
    the same output limits as the student's cells (its parent, a ResilientExecute)."""

    def on_cell_executed(self, **kwargs):
        # nbgrader's: a reply that is an error with no error output (a cell that timed out)
        # gets one, so that the test scores 0
        Execute.on_cell_executed(self, **kwargs)

    def output(self, outs, msg, display_id, cell_index):
        if self.parent.admits(outs, msg):
            return super().output(outs, msg, display_id, cell_index)
        return None


class KernelStopped(RuntimeError):
    """The kernel did not answer a cell even after it was interrupted at the cell's limit."""


class LockedCellTimedOut(RuntimeError):
    """A locked cell ran out of time: the machine, not the student; run the notebook again."""


def _locked_names(nb, resources):
    """The names the notebook's locked cells bind, from the gradebook's copy of them: a
    submission can move a locked cell below the tests or delete it (nbgrader restores its
    source, not its place, and puts back only deleted test cells). Locked names are the
    examiner's alone, never fetched from the student's kernel (course.examiner). Without a
    gradebook (a notebook run outside nbgrader), the notebook's own locked cells."""
    info = (resources or {}).get("nbgrader", {})
    sources = None
    if all(info.get(key) for key in ("db_url", "assignment", "notebook")):
        try:
            with Gradebook(info["db_url"]) as gradebook:
                found = gradebook.find_notebook(info["notebook"], info["assignment"])
                tests = {cell.name for cell in found.grade_cells}
                sources = [cell.source for cell in found.source_cells
                           if cell.locked and cell.cell_type == "code" and cell.name not in tests]
        except MissingEntry:
            sources = None
    if sources is None:
        sources = [cell.source for cell in nb.cells if cell.cell_type == "code" and _locked(cell)]
    return set().union(*(bound_names(source) for source in sources))


def _locked(cell):
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("locked")) and not meta.get("grade") and not meta.get("solution")


def _test(cell):
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def _timed_out(cell):
    return any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError"
               for o in cell.get("outputs", []))


def _error(name, message):
    return NotebookNode(output_type="error", ename=name, evalue=message,
                        traceback=[f"{name}: {message}"])


class HideHiddenTests(NbGraderPreprocessor):
    """Cut the hidden part out of every test cell's source, for the feedback students see,
    and out of its tracebacks: IPython shows the lines around a failing one, and after a
    visible line that fails come the hidden ones."""

    begin = Unicode("### BEGIN HIDDEN TESTS").tag(config=True)
    end = Unicode("### END HIDDEN TESTS").tag(config=True)
    placeholder = Unicode("# (hidden tests: their results are in the output below)").tag(
        config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and self.begin in cell.source:
            kept, hidden = [], False
            for line in cell.source.split("\n"):
                if self.begin in line:
                    hidden = True
                    kept.append(line[: len(line) - len(line.lstrip())] + self.placeholder)
                elif self.end in line:
                    hidden = False
                elif not hidden:
                    kept.append(line)
            secret = {line.strip() for line in cell.source.split("\n")
                      if line.strip()} - {line.strip() for line in kept}
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output.traceback = [_without(entry, secret) for entry in output.traceback]
            cell.source = "\n".join(kept)
        return cell, resources


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LINE_NUMBER = re.compile(r"^\s*(?:-*>)?\s*\d+\s")  # IPython's "----> 5 " and "      6 "


def _without(entry, secret):
    """A traceback entry without the lines that show source from the set secret."""
    lines = entry.split("\n")
    kept = [line for line in lines
            if _LINE_NUMBER.sub("", _ANSI.sub("", line), count=1).strip() not in secret]
    return "\n".join(kept)


# --- Rendering a submission as HTML, for feedback and formgrader, without running it ---------
#
# What nbconvert's own switch, HTMLExporter.sanitize_html = True, does (nbconvert 7.17, in the
# "classic" templates nbgrader's feedback and formgrade templates extend):
# - text/html and text/markdown outputs go through its clean_html filter (bleach), and
#   application/javascript outputs, widget views and the widget state are left out;
# - image/svg+xml outputs are shown as <img src="data:image/svg+xml;base64,...">, where a
#   browser runs no script of the SVG (with it or without it);
# but:
# - markdown cells are NOT cleaned: nbgrader's feedback and formgrade templates replace the
#   markdowncell block with one that renders `cell.source | markdown2html | strip_files_prefix`
#   and never looks at the switch, so <script>, <img onerror>, <iframe> and [x](javascript:...)
#   in a student's markdown answer reach the page as they are;
# - its clean_html allows only bleach's few default tags and escapes the rest, so a <p> or a
#   table in an output shows up as the text "<p>".
# Closed here with bleach, through HTMLExporter's config, which both feedback
# (nbgrader generate_feedback) and formgrader (HTMLExporter(config=...)) read:
# - the `strip_files_prefix` filter, applied to the HTML of every markdown cell in those
#   templates, also cleans it (clean_markdown_html); cleaning the markdown *source* instead, as
#   nbconvert's SanitizeHTML preprocessor does, would escape markdown's own `>`, `<` and `&`
#   (block quotes, `a < b` in code and math);
# - the `clean_html` filter is replaced by the same cleaner with a readable allowlist;
# - SanitizeOutputs (nbconvert's SanitizeHTML preprocessor, outputs only) cleans text/html and
#   text/markdown outputs in the notebook itself and drops every output type not known to be
#   inert (application/javascript, widget views, ...) and the widget state, so that a template
#   that forgets the switch still gets nothing to run.

SAFE_TAGS = frozenset(bleach.ALLOWED_TAGS) | {
    "p", "div", "span", "pre", "code", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "sub",
    "sup", "del", "s", "u", "small", "mark", "kbd", "samp", "var", "dl", "dt", "dd",
    "details", "summary", "figure", "figcaption",
}
SAFE_ATTRIBUTES = {
    "*": ["class", "id", "title", "style", "align"],
    "a": ["href", "title", "name"],
    "img": ["src", "alt", "width", "height"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "table": ["border"],
    "ol": ["start", "type"],
}
# No data: (a page of its own), no javascript:; links and images elsewhere are fine.
SAFE_PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, protocols=SAFE_PROTOCOLS,
                          strip=False, strip_comments=True,
                          css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES))


def clean_html(html):
    """HTML of a submission with no script, event handler, frame or javascript: URL left.

    Disallowed tags are escaped, not dropped, so an instructor sees what was attempted.
    Configured as nbconvert's `clean_html` filter (nbgrader_config.py).
    """
    return _cleaner.clean(html.decode() if isinstance(html, bytes) else str(html))


def clean_markdown_html(html):
    """nbconvert's strip_files_prefix, then clean_html: the last step of a markdown cell."""
    return clean_html(strip_files_prefix(html))


class SanitizeOutputs(SanitizeHTML):
    """nbconvert's SanitizeHTML for code cells' outputs, with clean_html's allowlist.

    Kept: text/plain, stream and error text (escaped by the templates), image/png and
    image/jpeg (the student's plots), image/svg+xml (shown as an <img>, where it runs nothing),
    text/latex; text/html and text/markdown are cleaned; everything else is dropped. Markdown
    cells are cleaned after rendering, by clean_markdown_html.
    """

    @default("safe_output_keys")
    def _safe_output_keys_default(self):
        return {"metadata", "text/plain", "text/latex", "application/json", "image/png",
                "image/jpeg", "image/svg+xml"}

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)  # widget state: rendered by the widgets' own scripts
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = self.sanitize_code_outputs(cell.outputs)
        return cell, resources

    def sanitize_html_tags(self, html_str):
        return clean_html(html_str)
