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
"""

import copy
import json
import re
import time

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer, Unicode

from course import sandbox

DIED = ("KernelDied", "the kernel died while this cell ran (os._exit, a crash, or too much "
        "memory), so this cell and the ones after it were not graded")
NOT_RUN = ("NotRun", "not run: the kernel died in an earlier cell")
OUT_OF_TIME = ("NotebookTimeout", "not run: the notebook used up its time limit in earlier "
               "cells (each cell has its own limit, and all of them together one more)")


class ResilientExecute(Execute):
    """nbgrader's Execute in a sandbox, within limits; a dead kernel costs the rest of the
    notebook, not all of it."""

    notebook_timeout = Integer(
        300, help="Seconds all of a notebook's student cells may run together; the cells "
        "after that are not run and score 0, with the reason.").tag(config=True)
    locked_cell_timeout = Integer(
        300, help="Seconds a locked cell (setup, data) may run: its imports are not the "
        "student's time.").tag(config=True)
    attempts = Integer(
        3, help="Times a notebook is run when a locked cell times out (a busy machine)."
    ).tag(config=True)
    cell_output_bytes = Integer(1 << 20, help="Output kept per cell.").tag(config=True)
    notebook_output_bytes = Integer(8 << 20, help="Output kept per notebook.").tag(config=True)

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
        self._budget = float(self.notebook_timeout)
        self._out_of_time = False
        self._notebook_bytes = 0
        try:
            return super().preprocess(nb, resources, km=km)
        except DeadKernelError:
            if self._running is None:
                raise  # died before any cell ran: nothing to keep
            self.log.warning("the kernel died in cell %d; grading the cells before it",
                             self._running)
            for index, cell in enumerate(nb.cells):
                if index >= self._running and cell.cell_type == "code":
                    cell.outputs.append(_error(*(DIED if index == self._running else NOT_RUN)))
            return nb, resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        self._cell_bytes, self._cut = 0, False
        if cell.cell_type == "code" and not _locked(cell) and self._budget <= 0:
            if not self._out_of_time:
                self.log.warning("notebook time limit reached at cell %d", index)
            self._out_of_time = True
            cell.outputs = [_error(*OUT_OF_TIME)]
            return cell, resources
        started = time.monotonic()
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code" and not _locked(cell):
            self._budget -= time.monotonic() - started
        elif _locked(cell) and _timed_out(cell) and not self._last_attempt:
            raise LockedCellTimedOut(f"locked cell {index} timed out")
        return cell, resources

    def _cell_timeout(self, cell):
        if _locked(cell):
            return self.locked_cell_timeout
        return max(1, min(self.timeout, int(self._budget + 1)))

    def output(self, outs, msg, display_id, cell_index):
        """Keep output up to the per-cell and per-notebook sizes; note once what was cut."""
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._cell_bytes += size
        self._notebook_bytes += size
        if (self._cell_bytes <= self.cell_output_bytes
                and self._notebook_bytes <= self.notebook_output_bytes):
            return super().output(outs, msg, display_id, cell_index)
        if not self._cut:
            self._cut = True
            where = ("this cell" if self._cell_bytes > self.cell_output_bytes
                     else "the notebook")
            limit = (self.cell_output_bytes if where == "this cell"
                     else self.notebook_output_bytes)
            outs.append(NotebookNode(output_type="stream", name="stdout", text=(
                f"\n[output cut: {where} printed more than {limit // 1024} KiB; "
                "the rest was dropped]\n")))
        return None


class LockedCellTimedOut(RuntimeError):
    """A locked cell ran out of time: the machine, not the student; run the notebook again."""


def _locked(cell):
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("locked")) and not meta.get("grade") and not meta.get("solution")


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
