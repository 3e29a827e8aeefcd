"""nbgrader preprocessors that close holes a course must not leave open (see nbgrader_config.py).

- ResilientExecute: when a submission kills its kernel (os._exit, a segfault, running out
  of memory), nbgrader 0.9.6 records no grade at all for the notebook. This keeps the cells
  that ran, and marks the cell that died and every later one with an error that says why,
  so the questions before the crash keep their points and the rest score 0.
- HideHiddenTests: feedback shows each test cell's source; this removes the hidden part
  (nbgrader issue #917) and leaves the visible checks and the outputs, the student's
  messages.
"""

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Unicode

DIED = ("KernelDied", "the kernel died while this cell ran (os._exit, a crash, or too much "
        "memory), so this cell and the ones after it were not graded")
NOT_RUN = ("NotRun", "not run: the kernel died in an earlier cell")


class ResilientExecute(Execute):
    """nbgrader's Execute, but a dead kernel costs the rest of the notebook, not all of it."""

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        return super().preprocess_cell(cell, resources, index)

    def preprocess(self, nb, resources, km=None):
        self._running = None
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


def _error(name, message):
    return NotebookNode(output_type="error", ename=name, evalue=message,
                        traceback=[f"{name}: {message}"])


class HideHiddenTests(NbGraderPreprocessor):
    """Cut the hidden part out of every test cell's source, for the feedback students see."""

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
            cell.source = "\n".join(kept)
        return cell, resources
