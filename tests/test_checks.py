"""Unit tests of the helpers that test cells call: what passes, what fails, what it says."""

import math
import os
import re
import warnings

import pytest
import torch

from course import checks
from course.checks import CheckFailed


def square_shift(x):
    return (x - 0.5) ** 2


def fails_with(*fragments):
    """pytest.raises for CheckFailed, with every fragment in the message."""
    return pytest.raises(CheckFailed, match="(?s)" + ".*".join(map(re.escape, fragments)))


@pytest.mark.parametrize("value", [1.5, 2, torch.tensor(1.5), torch.tensor([1.5])])
def test_as_float_accepts_numbers_and_one_element_tensors(value):
    assert checks.as_float(value, "x") == float(torch.as_tensor(value).item())


@pytest.mark.parametrize("value, said", [
    (None, "forget to `return`"), (True, "a bool"), ("1.5", "a str"),
    (torch.ones(3), "shape (3,)"), (math.nan, "blew up"), (float("inf"), "blew up"),
])
def test_as_float_rejects_everything_else(value, said):
    with fails_with("x", said):
        checks.as_float(value, "x")


def test_close_passes_within_tolerance_and_returns_none():
    assert checks.close(1.0 + 1e-9, 1.0, "x") is None
    assert checks.close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0]), "v") is None


def test_close_names_a_sign_error_only_from_several_points():
    with fails_with("v at index (2,) is -3", "expected 3", "wrong sign everywhere"):
        checks.close(torch.tensor([-1.0, -2.0, -3.0]), torch.tensor([1.0, 2.0, 3.0]), "v")
    with pytest.raises(CheckFailed) as failure:
        checks.close(1.0, -1.0, "grad_f(0)")
    assert "sign" not in str(failure.value)  # one number: any formula could give it


def test_close_names_a_constant_factor_on_tensors():
    with fails_with("3 times the right value everywhere"):
        checks.close(torch.tensor([3.0, 6.0, 9.0]), torch.tensor([1.0, 2.0, 3.0]), "v")


def test_close_does_not_guess_a_factor_from_one_number():
    with pytest.raises(CheckFailed) as failure:
        checks.close(3.7, 1.0, "x")
    assert "times" not in str(failure.value)


def test_close_hides_the_reference_when_asked():
    with pytest.raises(CheckFailed) as failure:
        checks.close(2.0, 1.2345, "x", reveal=False)
    assert "1.2345" not in str(failure.value)


def test_close_reports_a_broadcast_shape():
    with fails_with("shape (3, 3)", "expected shape (3,)", "broadcast"):
        checks.close(torch.zeros(3, 3), torch.zeros(3), "v")


def test_function_matches_floats_and_tensors():
    xs = [0.0, 2.0, torch.linspace(-1, 1, 5)]
    checks.function_matches(square_shift, square_shift, xs, "f")
    with fails_with("f(tensor", "expected a tensor"):
        checks.function_matches(lambda x: 0.0, square_shift, [torch.ones(2)], "f")


def test_function_matches_reports_not_implemented():
    def blank(x):
        raise NotImplementedError()
    with fails_with("f is not written yet", "NotImplementedError"):
        checks.function_matches(blank, square_shift, [1.0], "f")


def test_function_matches_passes_a_copy_to_the_student():
    def clobbers(x):
        x.zero_()
        return square_shift(torch.full_like(x, 2.0))
    with pytest.raises(CheckFailed):
        checks.function_matches(clobbers, square_shift, [torch.ones(3)], "f")


def test_call_repeatedly_calls_on_the_same_args_and_shows_them_afterwards():
    def uses_callers_x(x):  # a second call adds to the first call's gradient
        x.requires_grad_(True)
        (x * x).sum().backward()
        return x.grad
    x = torch.tensor([1.0, 2.0])
    results, (after,) = checks.call_repeatedly(uses_callers_x, x, name="g")
    assert [r.tolist() for r in results] == [[2.0, 4.0], [4.0, 8.0]]
    assert after is x and after.requires_grad

    def blank(x):
        raise NotImplementedError()
    with fails_with("g is not written yet"):
        checks.call_repeatedly(blank, x, name="g")


def test_derivative_matches_uses_autograd_as_reference():
    checks.derivative_matches(lambda x: 2 * (x - 0.5), square_shift, [0.0, torch.ones(3)], "g")
    with fails_with("wrong sign"):  # three floats agree: the sign is named
        checks.derivative_matches(lambda x: 2 * (0.5 - x), square_shift, [0.0, 1.0, 2.0], "g")


def test_no_factor_named_when_points_disagree():
    """2x - 0.5 is half the derivative at 0, but not at 1 or 3: no missing factor."""
    with pytest.raises(CheckFailed) as failure:
        checks.derivative_matches(lambda x: 2 * x - 0.5, square_shift, [0.0, 1.0, 3.0], "grad_f")
    assert "times the right value" not in str(failure.value)
    assert "grad_f(0) is -0.5" in str(failure.value)


def test_close_with_a_reference_that_has_a_graph_does_not_warn():
    reference = torch.tensor(2.0, requires_grad=True) * 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        checks.close(2.0, reference, "z")
        with pytest.raises(CheckFailed):
            checks.close(3.0, reference, "z")


def test_minimises_finds_the_minimum_without_revealing_it():
    def loss(p):
        return ((p[0] - 1.25) ** 2 + 3 * (p[1] + 0.5) ** 2)
    checks.minimises(loss, [1.25, torch.tensor(-0.5)], ["w", "b"], atol=1e-6)
    with pytest.raises(CheckFailed) as failure:
        checks.minimises(loss, [1.0, -0.5], ["w", "b"], atol=1e-3)
    assert "larger values of w" in str(failure.value) and "1.25" not in str(failure.value)


def test_gradient_snapshots_with_and_without_zeroing():
    grow = checks.gradient_snapshots(lambda W: (W * 2).sum(), torch.ones(3), 3, zero=False)
    flat = checks.gradient_snapshots(lambda W: (W * 2).sum(), torch.ones(3), 3, zero=True)
    assert [g.tolist() for g in grow] == [[2.0] * 3, [4.0] * 3, [6.0] * 3]
    assert [g.tolist() for g in flat] == [[2.0] * 3] * 3


def test_autograd_forbidden_blocks_every_route_and_restores():
    x = torch.tensor(1.0, requires_grad=True)
    with checks.autograd_forbidden("do it by hand"):
        for route in (lambda: (x * x).backward(), lambda: torch.autograd.grad(x * x, x),
                      lambda: torch.autograd.functional.vjp(lambda t: t * t, x)):
            with pytest.raises(RuntimeError, match="do it by hand"):
                route()
    (x * x).backward()
    assert x.grad.item() == 2.0


def test_guard_applies_to_the_student_call_only():
    def by_autograd(x):
        return checks.autograd_derivative(square_shift, x)

    def guard():
        return checks.autograd_forbidden("by hand")

    checks.derivative_matches(lambda x: 2 * (x - 0.5), square_shift, [1.0], "g", guard=guard)
    with fails_with("g(1) raised RuntimeError", "by hand"):
        checks.derivative_matches(by_autograd, square_shift, [1.0], "g", guard=guard)


def halve(v):
    return v / 2


@pytest.mark.parametrize("n, said", [(29, "what 29 updates give, not 30"),
                                     (31, "what 31 updates give, not 30")])
def test_iterates_match_counts_off_by_one(n, said):
    value = 1024.0
    for _ in range(n):
        value = halve(value)
    with fails_with(said):
        checks.iterates_match(value, "x", start=1024.0, steps={"halving": halve}, n_steps=30)


def test_iterates_match_accepts_any_listed_rule():
    checks.iterates_match(8.0, "x", start=1.0, n_steps=3,
                          steps={"halving": halve, "doubling": lambda v: 2 * v})
    with fails_with("x is 5", "3 updates of halving from 1 give 0.125", "a hint"):
        checks.iterates_match(5.0, "x", start=1.0, n_steps=3, steps={"halving": halve},
                              hint="a hint")


def test_gradients_match_explains_a_cut_graph():
    def detached(w):
        return torch.tensor((w * 3).item())
    with fails_with("autograd cannot differentiate", ".item()"):
        checks.gradients_match(detached, lambda w: w * 3, [torch.tensor(1.0)], ["mse", "w"])
    checks.gradients_match(lambda w: 3 * w, lambda w: w * 3, [torch.tensor(1.0)], ["m", "w"])


def test_is_leaf_requiring_grad_explains_a_replaced_tensor():
    x = torch.tensor(1.0, requires_grad=True)
    checks.is_leaf_requiring_grad(x, "x")
    with fails_with("no longer a leaf", "torch.no_grad()"):
        checks.is_leaf_requiring_grad(x - 1, "x")
    with fails_with("does not require grad"):
        checks.is_leaf_requiring_grad(x.detach(), "x")


def test_setup_sends_warnings_to_stdout(capsys):
    saved = warnings.showwarning
    try:
        checks.setup()
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            torch.tensor(torch.ones(1))  # torch's copy-construct UserWarning
    finally:
        warnings.showwarning = saved
    captured = capsys.readouterr()
    assert "UserWarning" in captured.out and captured.err == ""


def test_forbidden_raises_with_reason_and_restores_inherited_methods():
    no_cos = {"torch.cos": (torch, "cos"), "Tensor.cos": (torch.Tensor, "cos"),
              "math.cos": (math, "cos")}
    x = torch.tensor([0.5], requires_grad=True)
    with checks.forbidden(no_cos, "use autograd"):
        for call in (lambda: torch.cos(x), lambda: x.cos(), lambda: math.cos(0.5)):
            with pytest.raises(RuntimeError, match="was called: use autograd"):
                call()
        torch.sin(x).sum().backward()  # autograd's own derivative of sin still works
    assert "cos" not in vars(torch.Tensor)  # the inherited method is back, not a copy
    assert torch.allclose(x.grad, torch.cos(x.detach())) and math.cos(0.0) == 1.0


def test_autograd_required_tells_a_formula_from_autograd():
    with checks.autograd_required("d"):
        checks.autograd_derivative(torch.sin, 1.0)
    with fails_with("d gave its answer without autograd", "finite differences"):
        with checks.autograd_required("d"):
            (torch.sin(torch.tensor(1.0 + 1e-6)) - torch.sin(torch.tensor(1.0))) / 1e-6
    assert torch.autograd._engine_run_backward is torch.autograd.graph._engine_run_backward


def test_snapshots_match_accepts_copies_and_lists_and_names_aliasing():
    W = torch.ones(3, requires_grad=True)
    copies, lists, same = [], [], []
    for _ in range(3):
        (W * 2).sum().backward()
        copies.append(W.grad.clone())
        lists.append(W.grad.tolist())
        same.append(W.grad)
    expected = [torch.full((3,), 2.0 * k) for k in (1, 2, 3)]
    checks.snapshots_match(copies, expected, "grads")
    checks.snapshots_match(lists, expected, "grads")
    checks.snapshots_match([c.numpy().copy() for c in copies], expected, "grads")
    views = []
    W = torch.ones(2)
    for _ in range(len(expected)):
        views.append(W.numpy())
    with fails_with("same tensor"):
        checks.snapshots_match(views, expected, "grads", reveal=False)
    with fails_with("grads[0] is tensor([6.0, 6.0, 6.0])", "same tensor", ".clone()"):
        checks.snapshots_match(same, expected, "grads")
    with fails_with("2 entries, expected 3"):
        checks.snapshots_match(copies[:2], expected, "grads")


def test_a_replaced_comparison_fails_every_check_until_restored(monkeypatch):
    monkeypatch.setattr(torch, "allclose", lambda *args, **kwargs: True)
    with fails_with("a cell replaced torch.allclose", "restarted kernel"):
        checks.close(1.0, 1.0, "x")
    monkeypatch.undo()
    checks.close(1.0, 1.0, "x")


def test_forbidden_functions_do_not_count_as_tampering():
    with checks.forbidden({"torch.cos": (torch, "cos")}, "no cos"):
        checks.close(1.0, 1.0, "x")
    checks.untampered()


class Liar(torch.Tensor):
    """A tensor whose comparisons always agree."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func in (torch.allclose, torch.equal):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


def test_tensor_subclasses_are_refused():
    liar = torch.zeros(3).as_subclass(Liar)
    with fails_with("x is a Liar, a subclass of torch.Tensor"):
        checks.close(liar, torch.ones(3), "x")
    checks.close(torch.nn.Parameter(torch.ones(3)), torch.ones(3), "p")  # parameters are fine


def test_setup_hides_that_nbgrader_is_grading(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    saved = warnings.showwarning
    try:
        checks.setup()
    finally:
        warnings.showwarning = saved
    assert "NBGRADER_EXECUTION" not in os.environ
