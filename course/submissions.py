"""Submissions built from the notebooks: the full solution, the blank release, and variants.

A submission is the release notebook with the source of some solution cells, found by
grade_id, replaced by a student's code (see ../shared/COURSE_SPEC.md). A variant is a small
file in tests/submissions/<assignment>/{mutants,alternatives}/ named after what it does:

    '''grad_f returns 2 * (x + 0.5): the sign inside the bracket is flipped.'''

    LOSES = ["test_grad_f", "test_grad_f_no_autograd"]

    # %% grad_f
    def grad_f(x):
        return 2 * (x + 0.5)

Each `# %% <grade_id>` starts the code that replaces that solution cell; every other solution
cell keeps the full solution. LOSES names the test cells that must score 0 (an alternative
correct answer has LOSES = []); all other test cells must score full marks. A mutant that
sets VISIBLE = True is a test's most common bug: the visible part of each cell in LOSES must
already fail on it, so a student sees it before grading (tests/test_visible.py). A hostile
file that sets BLANK = True starts from the blank release instead of the full solution: an
attack that must earn nothing on the questions it does not answer. A hostile file may also
rearrange the notebook, as a student can: MOVES = [("setup", "test_mse")] puts the cell
with grade_id setup just after the cell test_mse (in order, each pair after the ones before),
and DELETES = ["data"] removes a cell. `# %% <grade_id> +` adds its code after the full
solution's code of that cell instead of replacing it: an attack made after a right answer.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
CATALOGUE = ROOT / "tests" / "submissions"
KINDS = ("mutants", "alternatives")
FULL, BLANK = "full_solution", "blank_release"  # the student ids of the two reference cases

_CELL_MARKER = re.compile(r"^# %% ([a-z0-9_]+)( \+)?\s*$", re.MULTILINE)
_SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


@dataclass
class Variant:
    """One catalogued submission: a plausible bug (mutant) or a correct alternative."""

    name: str
    kind: str
    assignment: str
    description: str
    cells: dict = field(default_factory=dict)
    loses: list = field(default_factory=list)
    visible: bool = False  # the visible part of each LOSES cell fails on it
    blank: bool = False  # the other solution cells are the release's, not the solution's
    moves: list = field(default_factory=list)  # (grade_id, after grade_id): cell moved there
    deletes: list = field(default_factory=list)  # grade_ids of cells removed
    after: list = field(default_factory=list)  # grade_ids whose code follows the solution's


def assignments():
    """The assignment ids, in order: the folders of source/."""
    return sorted(p.name for p in SOURCE.iterdir() if p.is_dir())


def notebook_name(assignment):
    """The one notebook of an assignment, without .ipynb."""
    return notebook_name_in(SOURCE, assignment)


def notebook_name_in(source, assignment):
    """The one notebook of an assignment in a source/ folder, without .ipynb."""
    (path,) = (Path(source) / assignment).glob("*.ipynb")
    return path.stem


def read_source(assignment):
    return nbformat.read(SOURCE / assignment / f"{notebook_name(assignment)}.ipynb", as_version=4)


def read_release(assignment):
    return nbformat.read(RELEASE / assignment / f"{notebook_name(assignment)}.ipynb", as_version=4)


def nbgrader_cells(nb, *, solution=None, grade=None):
    """The cells with nbgrader metadata, by grade_id, filtered by their solution/grade flags."""
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        if solution is not None and bool(meta.get("solution")) != solution:
            continue
        if grade is not None and bool(meta.get("grade")) != grade:
            continue
        found[meta["grade_id"]] = cell
    return found


def autograded_cells(nb):
    """grade_id -> points of the autograded test cells (graded code cells, not solutions)."""
    return {gid: float(cell.metadata.nbgrader["points"])
            for gid, cell in nbgrader_cells(nb, solution=False, grade=True).items()
            if cell.cell_type == "code"}


def solution_code(assignment):
    """grade_id -> the full solution's text of each solution cell, solution markers removed."""
    cells = nbgrader_cells(read_source(assignment), solution=True)
    return {gid: _strip_markers(cell.source) for gid, cell in cells.items()}


def _strip_markers(text):
    lines = text.split("\n")
    return "\n".join(line for line in lines if line.strip() not in _SOLUTION_MARKERS)


def build(assignment, replacements):
    """The release notebook with the named solution cells' source replaced."""
    nb = read_release(assignment)
    cells = nbgrader_cells(nb, solution=True)
    unknown = set(replacements) - set(cells)
    if unknown:
        raise ValueError(f"{assignment} has no solution cell {sorted(unknown)}; "
                         f"its solution cells are {sorted(cells)}")
    for gid, text in replacements.items():
        cells[gid].source = text
    return nb


def full_solution(assignment):
    return build(assignment, solution_code(assignment))


def blank(assignment):
    return read_release(assignment)


def load_variant(path, assignment=None):
    """Read one catalogue file (see the module docstring)."""
    path = Path(path)
    text = path.read_text()
    parts = _CELL_MARKER.split(text)
    header, pairs = parts[0], parts[1:]
    tree = ast.parse(header)
    loses, visible, blank, moves, deletes = None, False, False, [], []
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["LOSES"]:
            loses = ast.literal_eval(node.value)
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["VISIBLE"]:
            visible = bool(ast.literal_eval(node.value))
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["BLANK"]:
            blank = bool(ast.literal_eval(node.value))
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["MOVES"]:
            moves = [tuple(pair) for pair in ast.literal_eval(node.value)]
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["DELETES"]:
            deletes = list(ast.literal_eval(node.value))
    if loses is None:
        raise ValueError(f"{path}: the header must set LOSES = [...] (empty for a correct answer)")
    marked = list(zip(pairs[::3], pairs[1::3], pairs[2::3], strict=True))
    cells = {gid: code.strip("\n") + "\n" for gid, _, code in marked}
    after = [gid for gid, plus, _ in marked if plus]
    if not cells:
        raise ValueError(f"{path}: no '# %% <grade_id>' cell marker")
    if after and blank:
        raise ValueError(f"{path}: a blank notebook has no solution to add code after")
    return Variant(name=path.stem, kind=path.parent.name,
                   assignment=assignment or path.parent.parent.name,
                   description=(ast.get_docstring(tree) or "").strip(),
                   cells=cells, loses=list(loses), visible=visible, blank=blank,
                   moves=moves, deletes=deletes, after=after)


def catalogue(assignment, kind):
    """The variants of one kind ('mutants' or 'alternatives') for an assignment, by name."""
    folder = CATALOGUE / assignment / kind
    return [load_variant(p, assignment) for p in sorted(folder.glob("*.py"))]


def variant_submission(variant):
    """The full solution (or the blank release) with the variant's cells in their place."""
    code = {} if variant.blank else solution_code(variant.assignment)
    code.update({gid: code[gid] + "\n" + text if gid in variant.after else text
                 for gid, text in variant.cells.items()})
    nb = build(variant.assignment, code)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    for grade_id in variant.deletes:
        nb.cells.remove(by_id[grade_id])
    for grade_id, after in variant.moves:
        nb.cells.remove(by_id[grade_id])
        nb.cells.insert(nb.cells.index(by_id[after]) + 1, by_id[grade_id])
    return nb


def sample_class(assignment, variants, name=lambda v: v.name):
    """student id -> notebook: the full solution, the blank release and the given variants."""
    students = {FULL: full_solution(assignment), BLANK: blank(assignment)}
    students.update({name(v): variant_submission(v) for v in variants})
    return students
