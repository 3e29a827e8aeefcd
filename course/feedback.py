"""Feedback that says what is not graded yet (see nbgrader_config.py).

nbgrader 0.9.6 shows a written answer that no one has graded yet as "Score: 0.0 / 1.0", as if
it had earned nothing. AwaitingHandGrading, run by generate_feedback in place of nbgrader's
GetGrades (which it extends), takes such an answer out of the score (it is shown without
one), puts a line above it saying it awaits hand grading, and a note at the top saying which
answers and how many points are not counted yet. Once an instructor has graded it in
formgrader, the answer is shown with its score, as nbgrader does.
"""

from nbformat.v4 import new_markdown_cell
from nbgrader.preprocessors import GetGrades

AWAITING = "awaiting hand grading"


def awaits_hand_grading(cell):
    """Whether the gradebook says this written answer still needs a grade by hand."""
    return bool(cell.metadata.get("nbgrader", {}).get("awaiting_hand_grading"))


class AwaitingHandGrading(GetGrades):
    """nbgrader's GetGrades, then: written answers that no one has graded yet show as
    awaiting hand grading, not as 0."""

    def _get_score(self, cell, resources):
        super()._get_score(cell, resources)
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"],
                                          self.notebook_id, self.assignment_id, self.student_id)
        cell.metadata.nbgrader["awaiting_hand_grading"] = bool(
            cell.cell_type == "markdown" and grade.needs_manual_grade
            and grade.manual_score is None)

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        cells, waiting = [], []
        for cell in nb.cells:
            if awaits_hand_grading(cell):
                meta = cell.metadata.nbgrader
                points = float(meta.get("points") or 0)
                waiting.append((meta["grade_id"], points))
                note = new_markdown_cell(f"**Your answer below is {AWAITING}** ({points:g} "
                                         "point(s), not counted in the score yet).")
                note.id = f"awaiting-{meta['grade_id']}"[:64]
                cells.append(note)
                meta["grade"] = False  # shown as an answer, without a "Score: 0.0" line
            cells.append(cell)
        if waiting:
            pending = sum(p for _, p in waiting)
            names = ", ".join(f"`{g}`" for g, _ in waiting)
            top = new_markdown_cell(
                f"**{len(waiting)} written answer(s) {AWAITING}** ({names}, {pending:g} "
                f"point(s)): the score above counts only what has been graded so far, out of "
                f"the points graded so far.")
            top.id = "awaiting-hand-grading"
            cells.insert(0, top)
            info = resources.setdefault("nbgrader", {})
            if info.get("max_score") is not None:
                info["max_score"] = info["max_score"] - pending
        nb.cells = cells
        return nb, resources
