"""The notebooks as files: the fixed interface, clean sources, a release that matches them."""

import ast
import subprocess
import sys

import nbformat
import pytest

from course import pipeline, submissions

# The fixed interface of ../shared/COURSE_SPEC.md: notebook names, the grade_ids of the
# solution cells and the names a student's code there defines. Outside graders rely on them.
SPEC = {
    "01_gradient_descent": ("gradient_descent", {
        "f": {"f"},
        "grad_f": {"grad_f"},
        "manual_descent": {"x_init", "eta", "x"},
        "grad_before_backward": {"grad_before"},
        "autograd_backward": {"x", "y"},
        "torch_descent": {"x"},
        "ideal_params": {"w_ideal", "b_ideal"},
        "mse": {"mse"},
        "fit": {"w", "b"},
    }),
    "02_torch_autograd": ("torch_autograd", {
        "vector_to_scalar": {"x", "y"},
        "vector_to_vector": {"vjp"},
        "control_flow": {"control_flow_grad"},
        "sin_derivative": {"sin_derivative"},
        "sin_plot": {"fig"},
        "chain_rule": {"df_analytic", "df_autograd"},
        "chain_rule_plot": {"fig_chain"},
    }),
    "03_scalar_autodiff": ("scalar_autodiff", {
        "scalar_add": {"Scalar"},
        "scalar_mul": {"Scalar"},
        "forward": {"forward"},
        "loss": {"loss"},
        "train": {"w", "mse_history"},
        "ols": {"w_ols"},
        "topological_backward": {"backprop"},
    }),
    "04_autograd_mechanics": ("autograd_mechanics", {
        "chain_of_ops": {"y", "w", "z", "expected_grad"},
        "stop_gradients": {"a", "b", "c"},
        "accumulation": {"grads_accumulated"},
        "zero_grad": {"grads_zeroed"},
        "perceptron": {"loss", "grad_by_hand"},
        "train_perceptron": {"W_trained"},
    }),
    "05_beyond_backprop": ("beyond_backprop", {
        "numerical_grad": {"numerical_grad"},
        "sum_to_shape": {"sum_to_shape"},
        "cross_entropy": {"cross_entropy", "cross_entropy_grad"},
        "softplus_function": {"Softplus"},
        "second_derivative": {"second_derivative"},
        "newton": {"newton_minimize"},
        "hvp": {"hvp"},
        "dual_numbers": {"Dual", "sin", "forward_derivative"},
        "jacobians": {"jacobian_forward", "jacobian_reverse"},
    }),
}

# The least each catalogue must hold (mutants, alternatives), from the assignments' issues.
CATALOGUE_MINIMUM = {"01_gradient_descent": (12, 6), "02_torch_autograd": (10, 5)}

ASSIGNMENTS = submissions.assignments()


def defined_names(code):
    """Names a cell's code binds or updates: assignments, functions, classes, `w.val = ...`."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
              and isinstance(node.value, ast.Name)):
            names.add(node.value.id)
    return names


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_spec_interface_is_unchanged(assignment):
    notebook, cells = SPEC[assignment]
    assert submissions.notebook_name(assignment) == notebook
    solutions = submissions.solution_code(assignment)
    for grade_id, names in cells.items():
        assert grade_id in solutions, f"solution cell {grade_id} is missing"
        missing = names - defined_names(solutions[grade_id])
        assert not missing, f"solution cell {grade_id} no longer defines {missing}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_is_stripped_with_stable_ids(assignment):
    nb = submissions.read_source(assignment)
    nbformat.validate(nb)
    ids = [cell.id for cell in nb.cells]
    assert len(ids) == len(set(ids)), "cell ids must be unique"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"outputs in {cell.id}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_test_cells_have_docstring_and_hidden_part(assignment):
    nb = submissions.read_source(assignment)
    for grade_id in submissions.autograded_cells(nb):
        cell = submissions.nbgrader_cells(nb)[grade_id]
        first = ast.parse(cell.source).body[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant), grade_id
        assert "### BEGIN HIDDEN TESTS" in cell.source, f"{grade_id} has no hidden tests"
        assert cell.metadata.nbgrader["locked"], f"{grade_id} must be locked"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course directory with every assignment's source, and one gradebook (making a
    gradebook costs a second or two: nbgrader runs alembic for it)."""
    return pipeline.Course(pipeline.make_course_dir(tmp_path_factory.mktemp("course")))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_release_matches_source(assignment, course):
    """release/ is what nbgrader generate_assignment makes of source/: run `make release`."""
    generated = course.generate(assignment)
    name = f"{submissions.notebook_name(assignment)}.ipynb"
    fresh = nbformat.read(generated / name, as_version=4)
    committed = submissions.read_release(assignment)
    assert fresh == committed, "release/ is stale: run `make release` and commit the result"
    assert sorted(p.name for p in generated.iterdir()) == sorted(
        p.name for p in (submissions.RELEASE / assignment).iterdir())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_hides_solutions_and_hidden_tests(assignment):
    text = (submissions.RELEASE / assignment / f"{submissions.notebook_name(assignment)}.ipynb")
    content = text.read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Rubric"):
        assert marker not in content


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_catalogue_covers_every_autograded_cell(assignment):
    nb = submissions.read_source(assignment)
    graded_cells = set(submissions.autograded_cells(nb))
    solution_cells = set(submissions.nbgrader_cells(nb, solution=True))
    mutants = submissions.catalogue(assignment, "mutants")
    alternatives = submissions.catalogue(assignment, "alternatives")
    least_mutants, least_alternatives = CATALOGUE_MINIMUM.get(assignment, (10, 4))
    assert len(mutants) >= least_mutants and len(alternatives) >= least_alternatives
    for variant in mutants + alternatives:
        assert set(variant.cells) <= solution_cells, f"{variant.name} replaces unknown cells"
        assert set(variant.loses) <= graded_cells, f"{variant.name} names unknown test cells"
        assert variant.description, f"{variant.name} needs a docstring saying what it does"
    for variant in mutants:
        assert variant.loses, f"mutant {variant.name} must lose some points"
    for variant in alternatives:
        assert variant.loses == [], f"alternative {variant.name} must score full marks"
    lost = {cell for variant in mutants for cell in variant.loses}
    assert lost == graded_cells, f"no mutant breaks {sorted(graded_cells - lost)}"


RUNTIME = ("course.checks", "course.figures", "course.graphs", "course.plots", "course.pictures",
           "course.beyond", "course.bridge", "course.functions")
GRADER = ("nbgrader", "course.pipeline", "course.preprocessors", "course.examiner",
          "course.parallel", "course.zygote", "course.sandbox", "course.cli", "course.feedback",
          "course.submissions", "course.channels")


def test_what_a_students_kernel_imports_holds_nothing_of_the_grader():
    """The runtime (what notebooks import) knows neither nbgrader nor the course's sources."""
    code = (f"import sys\nfor name in {RUNTIME!r}:\n    __import__(name)\n"
            f"print([m for m in sys.modules if m.startswith({GRADER!r})])")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == "[]"
    for name in RUNTIME:
        text = (submissions.ROOT / (name.replace(".", "/") + ".py")).read_text()
        assert "source/" not in text and "submissions" not in text, name
