"""Unit tests of course.beyond, the checks of 05_beyond_backprop: in a student's own kernel,
and through the bridge as the examiner runs them (course.examiner), here in one process."""

import ast
import json
import math
import re
import types

import pytest
import torch

from course import beyond, bridge, checks, submissions
from course.checks import CheckFailed
from tests.loopback import Loopback

F64 = torch.float64


def fails_with(*fragments):
    """pytest.raises for CheckFailed, with every fragment in the message."""
    return pytest.raises(CheckFailed, match="(?s)" + ".*".join(map(re.escape, fragments)))


# --- a student's answers: the solution's definitions, or a catalogued mutant's --------------

ASSIGNMENT = "05_beyond_backprop"


def answers(mutant=None):
    """The functions and classes the solution cells define (their demo lines left out), with
    a catalogued mutant's in place of the solution's."""
    cells = submissions.nbgrader_cells(submissions.read_source(ASSIGNMENT), solution=True)
    code = {gid: text for gid, text in submissions.solution_code(ASSIGNMENT).items()
            if cells[gid].cell_type == "code"}
    if mutant is not None:
        code.update(submissions.load_variant(
            submissions.CATALOGUE / ASSIGNMENT / "mutants" / f"{mutant}.py").cells)
    namespace = {"torch": torch, "math": math}
    for text in code.values():
        tree = ast.parse(text)
        tree.body = [node for node in tree.body if isinstance(
            node, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom))]
        exec(compile(tree, "<answer>", "exec"), namespace)
    return types.SimpleNamespace(**namespace)


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("test_function", [
    beyond.Smooth(3), beyond.Linear(1), beyond.Coupled(2), beyond.VectorFunction(1, n=5, m=2),
    beyond.random_expression(3, numbers=True), beyond.expression("sin(x * x) + 2 * x"),
    beyond.bowl, beyond.quartic, beyond.convex, torch.sin])
def test_test_functions_cross_the_bridge_by_name(test_function):
    sent = json.loads(json.dumps(Loopback().encode(test_function)))
    assert "$portable" in sent
    assert bridge.decode(sent, bridge._resolve_here) == test_function


def test_a_test_cells_own_function_cannot_cross():
    def bowl(t):
        return t ** 2

    with pytest.raises(bridge.BridgeError, match="not a function of its own"):
        Loopback().encode(bowl)


def test_every_check_passes_a_right_answer(student):
    mine = answers()
    x = torch.tensor([0.3, -1.2, 2.0], dtype=F64)
    beyond.check_numerical_grad(student(mine.numerical_grad), beyond.Smooth(0), x, eps=1e-4)
    apply = student(mine.Softplus).apply
    beyond.check_softplus(apply, torch.linspace(-5, 5, 11, dtype=F64), torch.rand(11, dtype=F64))
    beyond.check_softplus(apply, torch.tensor([-1000.0, 0.0, 1000.0]), torch.ones(3))
    beyond.check_gradcheck(apply, torch.randn(6, dtype=F64))
    second_derivative = student(mine.second_derivative)
    beyond.check_second_derivative(second_derivative, torch.sin, [0.5], lambda t: -math.sin(t))
    beyond.check_second_derivative(second_derivative, beyond.quartic, [0.7],
                                   lambda t: 12 * t ** 2 - 6)
    beyond.check_minimum(student(mine.newton_minimize), beyond.bowl, -4.0, 1)
    beyond.check_newton(student(mine.newton_minimize), beyond.convex, 2.5, 3)
    beyond.check_hvp(student(mine.hvp), beyond.Coupled(0), *torch.randn(2, 5, dtype=F64))
    beyond.check_hvp(student(mine.hvp), beyond.Coupled(9), *torch.randn(2, 2000, dtype=F64),
                     budget=10, compare=False)
    beyond.check_forward_derivative(student(mine.forward_derivative), student(mine.sin),
                                    beyond.random_expression(4, numbers=True), 0.6)
    f = beyond.VectorFunction(0, n=3, m=5)
    forward, reverse = student(mine.jacobian_forward), student(mine.jacobian_reverse)
    beyond.check_jacobian(forward, "jacobian_forward", f, x)
    beyond.check_jacobian(reverse, "jacobian_reverse", f, x)
    beyond.check_jacobian_modes(forward, reverse, f, x)


def test_softplus_checks_judge_the_gradient_of_the_students_function(student):
    x = torch.linspace(-3, 3, 5, dtype=F64)
    forgets = answers("softplus_backward_ignores_grad_output").Softplus
    with fails_with("the gradient of Softplus", "is"):
        beyond.check_softplus(student(forgets).apply, x, 2 * torch.ones(5, dtype=F64))
    at_output = answers("softplus_backward_at_output").Softplus
    with fails_with("disagrees with finite differences", "gradcheck"):
        beyond.check_gradcheck(student(at_output).apply, x)

    class ByTorch(answers().Softplus):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return torch.nn.functional.softplus(x)

    with fails_with("Softplus.apply(tensor", "raised RuntimeError",
                    "torch.nn.functional.softplus was called"):
        beyond.check_softplus(student(ByTorch).apply, x[:3], torch.ones(3, dtype=F64))


def test_guards_run_around_the_students_call(student):
    x = torch.tensor([0.4, -0.8, 1.5], dtype=F64)
    f = beyond.VectorFunction(0, n=3, m=5)
    with fails_with("hvp", "raised RuntimeError", "more than 10 backward passes"):
        beyond.check_hvp(student(answers("hvp_builds_the_hessian").hvp), beyond.Coupled(9),
                         *torch.randn(2, 50, dtype=F64), budget=10, compare=False)
    mine = answers("jacobian_forward_by_reverse_mode")
    forward, reverse = student(mine.jacobian_forward), student(mine.jacobian_reverse)
    with fails_with("jacobian_forward", "raised RuntimeError", "forward mode"):
        beyond.check_jacobian_modes(forward, reverse, f, x)
    forward = student(answers().jacobian_forward)
    with fails_with("jacobian_reverse gave its answer without autograd"):
        beyond.check_jacobian_modes(forward, forward, f, x)
    grad_by_autograd = student(answers("cross_entropy_grad_by_autograd").cross_entropy_grad)
    with fails_with("cross_entropy_grad", "raised RuntimeError", "without autograd"):
        beyond.check_cross_entropy_grad(grad_by_autograd, *beyond.random_logits(0, 3, 4))


def test_backward_budget_counts_backward_passes_and_restores():
    x = torch.tensor(2.0, requires_grad=True)
    with checks.backward_budget("it", 2):
        torch.autograd.grad(x * x, x)
        (x * x).backward()
        with pytest.raises(RuntimeError, match="it ran more than 2 backward passes"):
            torch.autograd.grad(x * x, x)
    for _ in range(3):
        torch.autograd.grad(x * x, x)
