"""Unit tests of the nbgrader preprocessors the course configures."""

from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course.preprocessors import HideHiddenTests, ResilientExecute


def test_hidden_tests_are_cut_and_the_visible_part_kept():
    cell = new_code_cell('"""Check f."""\ncheck(f, 1)\nfor x in xs:\n    ### BEGIN HIDDEN TESTS\n'
                         '    check(f, secret(x))\n    ### END HIDDEN TESTS\ndone()')
    cell, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in cell.source and "BEGIN HIDDEN" not in cell.source
    placeholder = "    # (hidden tests: their results are in the output below)"
    assert cell.source.splitlines() == ['"""Check f."""', "check(f, 1)", "for x in xs:",
                                        placeholder, "done()"]


def _notebook(*cells):
    """A notebook of code cells; (source, "locked") makes a locked setup cell."""
    made = []
    for cell in cells:
        source, kind = cell if isinstance(cell, tuple) else (cell, None)
        made.append(new_code_cell(source))
        if kind == "locked":
            made[-1].metadata["nbgrader"] = {"locked": True, "grade": False, "solution": False,
                                             "grade_id": "setup", "schema_version": 3}
    return new_notebook(cells=made)


def _outputs(cell):
    return "".join(o.get("text", "") + o.get("evalue", "") for o in cell.outputs)


def test_a_locked_cell_that_times_out_runs_the_notebook_again(tmp_path):
    """A busy machine, not the student: the setup cell is slow only the first time."""
    setup = (f"import os, time\nn = len(os.listdir({str(tmp_path)!r}))\n"
             f"open(os.path.join({str(tmp_path)!r}, str(n)), 'w').close()\n"
             "if n == 0:\n    time.sleep(30)\nprint('setup done')")
    nb = _notebook((setup, "locked"), "print('student cell ran')")
    execute = ResilientExecute(locked_cell_timeout=3, kernel_manager_class=AsyncKernelManager)
    nb, _ = execute.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert "setup done" in _outputs(nb.cells[0]) and "student cell ran" in _outputs(nb.cells[1])
    # twice in the student's kernel (slow, then fast), once in the examiner (course.examiner)
    assert len(list(tmp_path.iterdir())) == 3


def test_a_notebook_out_of_time_and_output_are_cut_with_the_reason(tmp_path):
    nb = _notebook("import time\ntime.sleep(3)", "print('x' * 3000)", "time.sleep(3)",
                   "print('never')")
    execute = ResilientExecute(notebook_timeout=4, cell_output_bytes=1000,
                               kernel_manager_class=AsyncKernelManager)
    nb, _ = execute.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert "output cut: this cell printed more than" in _outputs(nb.cells[1])
    assert "x" * 1000 not in _outputs(nb.cells[1])
    assert "CellTimeoutError" in str(nb.cells[2].outputs)  # cut at what was left of the 4 s
    assert "used up its time limit" in _outputs(nb.cells[3])
    assert "never" not in str(nb.cells[3].outputs)


def test_hidden_lines_are_cut_from_the_tracebacks_too():
    cell = new_code_cell("check(f, 1)\n### BEGIN HIDDEN TESTS\ncheck(f, secret(2))\n"
                         "### END HIDDEN TESTS")
    cell.outputs = [new_output("error", ename="NameError", evalue="name 'f' is not defined",
                               traceback=["\x1b[0;31mNameError\x1b[0m  Traceback",
                                          "Cell \x1b[0;32mIn[3], line 1\x1b[0m\n"
                                          "\x1b[0;32m----> 1\x1b[0m check(f, 1)\n"
                                          "\x1b[1;32m      2\x1b[0m ### BEGIN HIDDEN TESTS\n"
                                          "\x1b[1;32m      3\x1b[0m check(f, secret(2))\n",
                                          "NameError: name 'f' is not defined"])]
    cell, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    shown = "\n".join(cell.outputs[0].traceback)
    assert "secret" not in shown and "HIDDEN" not in shown and "check(f, 1)" in shown


def test_an_illustration_is_not_run_by_the_grader_and_the_feedback_says_so(tmp_path):
    nb = _notebook("print('tests ran')", "raise SystemExit('drawn')")
    nb.cells[1].metadata["tags"] = ["illustration"]
    nb, _ = ResilientExecute(kernel_manager_class=AsyncKernelManager).preprocess(
        nb, {"metadata": {"path": str(tmp_path)}})
    assert "tests ran" in _outputs(nb.cells[0])
    assert "not run by the grader" in _outputs(nb.cells[1]) and "drawn" not in _outputs(nb.cells[1])
