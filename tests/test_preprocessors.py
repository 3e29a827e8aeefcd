"""Unit tests of the nbgrader preprocessors the course configures."""

from nbformat.v4 import new_code_cell

from course.preprocessors import HideHiddenTests


def test_hidden_tests_are_cut_and_the_visible_part_kept():
    cell = new_code_cell('"""Check f."""\ncheck(f, 1)\nfor x in xs:\n    ### BEGIN HIDDEN TESTS\n'
                         '    check(f, secret(x))\n    ### END HIDDEN TESTS\ndone()')
    cell, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in cell.source and "BEGIN HIDDEN" not in cell.source
    placeholder = "    # (hidden tests: their results are in the output below)"
    assert cell.source.splitlines() == ['"""Check f."""', "check(f, 1)", "for x in xs:",
                                        placeholder, "done()"]
