"""Checks for assignment 05_beyond_backprop: test functions, references and comparisons.

The test functions here (Smooth, Linear, Coupled, Expression, VectorFunction, bowl, quartic,
convex) are plain objects made from a seed, or named functions: they can be called, printed
and rebuilt in another process, and they hold no answer. During grading the checks run in
the examiner (course.examiner), and the student's code in the student's kernel: a test
function crosses there by its name and fields (`__portable__`, course.bridge), never as code.
Every reference is computed here by torch (autograd, torch.func, torch.nn.functional) on the
inputs the test draws. A check calls the student's function with plain values (tensors,
floats, tuples, and the test functions above) and compares what comes back; it never looks
inside the student's objects. What must differentiate through the student's output (the
gradient of Softplus, gradcheck) is a producer here (softplus_results, gradcheck_pieces),
run where the student's code is (checks.on_student_side), whose values the check judges. As
in course.checks, each check returns None and fails with a message written for the student.
"""

import contextlib
import dataclasses
import random
from dataclasses import dataclass

import numpy
import torch
import torch.nn.functional

from course import checks
from course.checks import as_float, call, close, fail, forbidden, short

F64 = torch.float64


def _generator(seed):
    return torch.Generator().manual_seed(seed)


def _coefficients(seed, shape, *kinds):
    """A test function's coefficients for an input of this shape, drawn from the seed by
    NumPy ("rand": uniform in [0, 1), "randn": standard normal), as float64 tensors. Not by
    torch: its random functions raise inside torch.func.vmap and jacfwd, where a student's
    answer may call the test function."""
    rng = numpy.random.default_rng(seed)
    return [torch.from_numpy(numpy.asarray(rng.random(shape) if kind == "rand"
                                           else rng.standard_normal(shape))) for kind in kinds]


# ---------------------------------------------------------------- test functions

class _Portable:
    """A test function that the student's kernel rebuilds from its class's name and its
    fields (course.bridge), so that the student's code can call it there."""

    def __repr__(self):  # what a message shows of it, e.g. "f(x) = (2 * x)"
        return str(self)

    def __portable__(self):
        fields = tuple(getattr(self, f.name) for f in dataclasses.fields(self))
        return f"{__name__}.{type(self).__qualname__}", fields, {}


@dataclass(frozen=True, repr=False)
class Smooth(_Portable):
    """A smooth scalar function of a tensor of any shape: a sum of sines, a quadratic and an
    exponential, with coefficients drawn from the seed for the shape of the input."""

    seed: int

    def __call__(self, x):
        a, b, c, d = _coefficients(self.seed, tuple(x.shape), "rand", "rand", "rand", "rand")
        return ((1 + a) * torch.sin((1 + 2 * b) * x + c)).sum() \
            + (d * x ** 2).sum() + 0.3 * torch.exp(0.5 * x).sum()

    def __str__(self):
        return f"a smooth test function (seed {self.seed})"


@dataclass(frozen=True, repr=False)
class Linear(_Portable):
    """sum(w * x) + 1 with w drawn from the seed: every finite difference of it is exact."""

    seed: int

    def __call__(self, x):
        (w,) = _coefficients(self.seed, tuple(x.shape), "randn")
        return (w * x).sum() + 1.0

    def __str__(self):
        return f"a linear test function (seed {self.seed})"


@dataclass(frozen=True, repr=False)
class Coupled(_Portable):
    """A smooth scalar function of a vector whose Hessian is not diagonal:
    sum(sin(a x)) + (b . x)^2 / n + sum(x[:-1] x[1:])."""

    seed: int

    def __call__(self, x):
        n = x.shape[0]
        a, b = _coefficients(self.seed, (n,), "rand", "randn")
        a = 0.5 + a
        return torch.sin(a * x).sum() + (b * x).sum() ** 2 / n + (x[:-1] * x[1:]).sum()

    def __str__(self):
        return f"a test function with a coupled Hessian (seed {self.seed})"


@dataclass(frozen=True, repr=False)
class VectorFunction(_Portable):
    """f: R^n -> R^m, tanh(A x) * (B x^2) + C sin(x), with A, B, C drawn from the seed."""

    seed: int
    n: int
    m: int

    def __post_init__(self):
        # drawn here, not in __call__: a random draw inside torch.func.vmap or jacfwd raises
        g = _generator(self.seed)
        object.__setattr__(self, "_matrices", tuple(
            torch.randn(self.m, self.n, generator=g, dtype=F64) for _ in range(3)))

    def __call__(self, x):
        A, B, C = (matrix.to(x.dtype) for matrix in self._matrices)
        return torch.tanh(A @ x) * (B @ x ** 2) + C @ torch.sin(x)

    def __str__(self):
        return f"a function from R^{self.n} to R^{self.m} (seed {self.seed})"


@dataclass(frozen=True, repr=False)
class Expression(_Portable):
    """An expression tree in x, made of +, *, sin and numbers: ("x",), ("num", c),
    (op, left, right) for op in "+*", ("sin", inner). Calling it needs the sin to use."""

    tree: tuple

    def evaluate(self, x, sin):
        return _evaluate(self.tree, x, sin)

    def bind(self, sin):
        """The function x -> this expression, with the given sin (for forward_derivative)."""
        return Bound(self, sin)

    def __str__(self):
        return _show(self.tree)


@dataclass(frozen=True, repr=False)
class Bound(_Portable):
    """An Expression with the sin to evaluate it with (in the examiner: a handle of the
    student's sin, which the student's kernel resolves to the function itself)."""

    expression: Expression
    sin: object

    def __call__(self, x):
        return self.expression.evaluate(x, self.sin)

    def __str__(self):
        return f"f(x) = {self.expression}"


def _evaluate(node, x, sin):
    kind = node[0]
    if kind == "x":
        return x
    if kind == "num":
        return node[1]
    if kind == "sin":
        return sin(_evaluate(node[1], x, sin))
    left, right = _evaluate(node[1], x, sin), _evaluate(node[2], x, sin)
    return left + right if kind == "+" else left * right


def _show(node):
    kind = node[0]
    if kind == "x":
        return "x"
    if kind == "num":
        return f"{node[1]:g}"
    if kind == "sin":
        return f"sin({_show(node[1])})"
    return f"({_show(node[1])} {kind} {_show(node[2])})"


def expression(text):
    """An Expression from Python text in x, numbers, +, * and sin: "sin(x * x) + 2 * x"."""
    import ast

    def convert(node):
        if isinstance(node, ast.Name) and node.id == "x":
            return ("x",)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return ("num", float(node.value))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            op = "+" if isinstance(node.op, ast.Add) else "*"
            return (op, convert(node.left), convert(node.right))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "sin" and len(node.args) == 1):
            return ("sin", convert(node.args[0]))
        raise ValueError(f"not an expression of x, numbers, +, * and sin: {text}")

    return Expression(convert(ast.parse(text, mode="eval").body))


def random_expression(seed, depth=4, numbers=False):
    """A random expression in x. With numbers=True, plain numbers appear as either operand
    of + and *, never alone (so every subtree involving a number also involves x)."""
    rng = random.Random(seed)

    def grow(level):
        if level == 0 or rng.random() < 0.2:
            return ("x",)
        choice = rng.random()
        if choice < 0.25:
            return ("sin", grow(level - 1))
        op = rng.choice("+*")
        if numbers and choice < 0.65:
            number = ("num", round(rng.uniform(-2, 2), 2) or 0.5)
            inner = grow(level - 1)
            return (op, number, inner) if rng.random() < 0.5 else (op, inner, number)
        return (op, grow(level - 1), grow(level - 1))

    return Expression(grow(depth))


def bowl(t):
    """3 (t - 1.7)^2 + 2: a quadratic, so one Newton step from anywhere reaches its minimum."""
    return 3 * (t - 1.7) ** 2 + 2


def quartic(t):
    """t^4 - 3 t^2, whose second derivative is 12 t^2 - 6."""
    return t ** 4 - 3 * t ** 2


def convex(t):
    """cosh(t - 0.4) + t^2 / 2: convex, and no quadratic, so Newton needs several steps."""
    return torch.cosh(t - 0.4) + 0.5 * t ** 2


def random_broadcast(seed):
    """(shape, big): an input shape and a shape it broadcasts to, e.g. (3, 1) and (2, 3, 4)."""
    rng = random.Random(seed)
    big = tuple(rng.randint(1, 4) for _ in range(rng.randint(1, 4)))
    kept = big[rng.randint(0, len(big)):]  # drop some leading axes, maybe all
    shape = tuple(1 if rng.random() < 0.4 else size for size in kept)
    return shape, big


# ---------------------------------------------------------------- references

def autograd_gradient(f, x):
    """The gradient of the scalar f at x, by autograd, in float64."""
    leaf = x.detach().clone().to(F64).requires_grad_(True)
    with torch.enable_grad():
        (gradient,) = torch.autograd.grad(f(leaf), leaf)
    return gradient


def second_derivative_reference(f, x):
    """d2f/dx2 at the float x, by autograd twice."""
    leaf = torch.tensor(float(x), dtype=F64, requires_grad=True)
    with torch.enable_grad():
        (slope,) = torch.autograd.grad(f(leaf), leaf, create_graph=True)
        (curvature,) = torch.autograd.grad(slope, leaf)
    return curvature.item()


def newton_step(f):
    """The update x -> x - f'(x) / f''(x), by autograd (a reference for iterates_match)."""
    def step(x):
        leaf = torch.tensor(float(x), dtype=F64, requires_grad=True)
        with torch.enable_grad():
            (slope,) = torch.autograd.grad(f(leaf), leaf, create_graph=True)
            (curvature,) = torch.autograd.grad(slope, leaf)
        return x - slope.item() / curvature.item()
    return step


# ---------------------------------------------------------------- guards

_ENGINE = checks._ENGINE


def _targets(owner_names):
    found = {}
    for owner, label, names in owner_names:
        for name in names:
            if hasattr(owner, name):
                found[f"{label}.{name}"] = (owner, name)
    return found


_SOFTMAX_BUILTINS = _targets([
    (torch.nn.functional, "torch.nn.functional",
     ["cross_entropy", "log_softmax", "softmax", "nll_loss"]),
    (torch, "torch", ["logsumexp", "log_softmax", "softmax"]),
    (torch.Tensor, "Tensor", ["logsumexp", "log_softmax", "softmax"]),
    (torch.special, "torch.special", ["logsumexp", "log_softmax", "softmax"]),
])

_HESSIAN_BUILTINS = _targets([
    (torch.autograd.functional, "torch.autograd.functional",
     ["hvp", "vhp", "hessian", "jacobian"]),
    (torch.func, "torch.func", ["hessian", "jacrev", "jacfwd"]),
])

_JACOBIAN_BUILTINS = _targets([
    (torch.autograd.functional, "torch.autograd.functional", ["jacobian"]),
    (torch.func, "torch.func", ["jacrev", "jacfwd"]),
])


def without_softmax_builtins(name):
    """torch's cross-entropy, softmax, log-softmax and logsumexp raise while the block runs."""
    return forbidden(_SOFTMAX_BUILTINS, f"{name} must be written with elementary operations "
                                        "(exp, log, max, sum), not torch's softmax family")


def by_hand(name):
    """Autograd and torch's softmax family both raise while the block runs."""
    return forbidden({**_ENGINE, **_SOFTMAX_BUILTINS},
                     f"{name} must be your formula, without autograd or torch's softmax family")


# ---------------------------------------------------------------- checks

def _tensor_result(got, name, call_text, hint=""):
    __tracebackhide__ = True
    if not isinstance(got, torch.Tensor):
        fail(checks._sentence(f"{call_text} returned {checks._describe(got)}, expected a tensor",
                              hint))
    return got


@checks.check
def check_numerical_grad(numerical_grad, f, x, *, eps=None, rtol=1e-6, atol=1e-6,
                         reveal=True, hint=""):
    """Fail unless numerical_grad(f, x[, eps]), run with autograd off, matches autograd's
    gradient of f at x."""
    __tracebackhide__ = True
    args = (f, x.detach().clone()) + (() if eps is None else (eps,))
    shown = f"numerical_grad({f}, {short(x)}{'' if eps is None else f', eps={eps:g}'})"
    with checks.autograd_forbidden("numerical_grad must use finite differences of f"):
        got = call(numerical_grad, *args, name="numerical_grad", hint=hint)
    _tensor_result(got, shown, shown, "return a tensor shaped like x")
    close(got, autograd_gradient(f, x), shown, rtol=rtol, atol=atol, reveal=reveal, hint=hint)


@checks.check
def check_sum_to_shape(sum_to_shape, shape, big, seed, *, as_size=False, reveal=True, hint=""):
    """Fail unless sum_to_shape(grad, shape) is autograd's gradient of x (of shape `shape`)
    in (broadcast(x) * grad).sum(), for a random grad of the broadcast shape big."""
    __tracebackhide__ = True
    g = _generator(seed)
    grad = torch.randn(big, generator=g, dtype=F64)
    x = torch.randn(shape, generator=g, dtype=F64, requires_grad=True)
    with torch.enable_grad():
        ((x + torch.zeros(big, dtype=F64)) * grad).sum().backward()
    target = torch.Size(shape) if as_size else tuple(shape)
    shown = f"sum_to_shape(a gradient of shape {tuple(big)}, {target})"
    got = call(sum_to_shape, grad.clone(), target, name="sum_to_shape", hint=hint)
    _tensor_result(got, shown, shown)
    if tuple(got.shape) != tuple(shape):
        fail(checks._sentence(f"{shown} has shape {tuple(got.shape)}, expected {tuple(shape)}",
                              hint))
    close(got, x.grad, shown, reveal=reveal, hint=hint)


def random_logits(seed, n, classes, scale=3.0, shift=0.0):
    """(logits, targets): n rows of float64 logits around shift, and class indices."""
    g = _generator(seed)
    logits = shift + scale * torch.randn(n, classes, generator=g, dtype=F64)
    targets = torch.randint(classes, (n,), generator=g)
    return logits, targets


@checks.check
def check_cross_entropy(cross_entropy, logits, targets, *, reveal=True, hint=""):
    """Fail unless cross_entropy(logits, targets) equals torch's mean cross-entropy."""
    __tracebackhide__ = True
    shown = f"cross_entropy(logits of shape {tuple(logits.shape)}, targets)"
    with without_softmax_builtins("cross_entropy"):
        got = call(cross_entropy, logits.clone(), targets.clone(), name="cross_entropy",
                   hint=hint)
    want = torch.nn.functional.cross_entropy(logits, targets)
    if isinstance(got, (torch.Tensor, float)):
        check_finite(got, shown, hint="subtract each row's largest logit before exp")
    close(as_float(got, shown), want.item(), shown, rtol=1e-7, atol=1e-9, reveal=reveal,
          hint=hint)


@checks.check
def check_cross_entropy_grad(cross_entropy_grad, logits, targets, *, guard=True, reveal=True,
                             hint=""):
    """Fail unless cross_entropy_grad(logits, targets) (run by hand: autograd off, when guard)
    equals autograd's gradient of torch's mean cross-entropy in the logits."""
    __tracebackhide__ = True
    shown = f"cross_entropy_grad(logits of shape {tuple(logits.shape)}, targets)"
    with by_hand("cross_entropy_grad") if guard else contextlib.nullcontext():
        got = call(cross_entropy_grad, logits.clone(), targets.clone(),
                   name="cross_entropy_grad", hint=hint)
    _tensor_result(got, shown, shown)
    check_finite(got, shown, hint="subtract each row's largest logit before exp")
    want = autograd_gradient(lambda t: torch.nn.functional.cross_entropy(t, targets), logits)
    close(got, want, shown, rtol=1e-6, atol=1e-10, reveal=reveal, hint=hint)


@checks.check
def check_finite(value, name, *, hint=""):
    """Fail unless value (a number or a tensor) holds no NaN or infinity."""
    __tracebackhide__ = True
    tensor = torch.as_tensor(value.detach() if isinstance(value, torch.Tensor) else value)
    if not bool(torch.isfinite(tensor).all()):
        fail(checks._sentence(f"{name} contains {'nan' if tensor.isnan().any() else 'inf'}",
                              hint))


_SOFTPLUS_BUILTIN = _targets([(torch.nn.functional, "torch.nn.functional", ["softplus"])])


def softplus_results(apply, x, weights):
    """What check_softplus judges, computed where Softplus is (checks.on_student_side):
    {"out": apply(x) for a leaf copy of x, run with torch's softplus off, "connected": whether
    it has a grad_fn, and "gradient": the gradient of sum(weights * out) in x by a backward
    pass, or "backward": [class name, message] of what that backward raised}. An exception
    of the forward propagates (checks.call says which call raised)."""
    leaf = x.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        with forbidden(_SOFTPLUS_BUILTIN, "Softplus must compute log(1 + exp(x)) itself"):
            out = apply(leaf)
        if not isinstance(out, torch.Tensor):
            return {"out": out}
        found = {"out": out.detach(), "connected": out.grad_fn is not None}
        if found["connected"]:
            try:  # a custom Function's node holds what forward gave ctx.save_for_backward
                found["saved"] = len(out.grad_fn.saved_tensors)
            except Exception:  # not a custom Function's node, or nothing to read
                found["saved"] = None
            try:
                (found["gradient"],) = torch.autograd.grad((weights * out).sum(), leaf)
            except Exception as error:
                found["backward"] = [type(error).__name__, str(error)]
    return found


@checks.check
def check_softplus(apply, x, weights, *, saved=False, reveal=True, hint=""):
    """Fail unless apply(x) (Softplus.apply) gives log(1 + exp(x)), and its gradient (of
    sum(weights * apply(x))) is weights * sigmoid(x); with saved, unless forward saved what
    backward reads with ctx.save_for_backward."""
    __tracebackhide__ = True
    if not checks._callable(apply):
        fail(f"Softplus.apply should be a function, but it is {checks._describe(apply)}")
    found = call(lambda t: checks.on_student_side(softplus_results)(apply, t, weights),
                 x.detach().clone(), name="Softplus.apply", hint=hint)
    shown = f"Softplus.apply({short(x)})"
    if not isinstance(found, dict) or "out" not in found:
        fail(f"the results of {shown} could not be read")
    out = found["out"]
    _tensor_result(out, shown, shown)
    check_finite(out, shown, hint=hint)
    exact = torch.logaddexp(x, torch.zeros_like(x))  # softplus without torch's threshold
    close(out, exact, shown, rtol=1e-10, atol=1e-12, reveal=reveal,
          hint=hint)
    if found.get("connected") is not True:
        fail(checks._sentence(f"{shown} is not connected to x in the graph",
                              "call Softplus.apply(x), and return a tensor from forward"))
    if saved and found.get("saved") == 0:
        fail(checks._sentence(
            "Softplus.forward saved no tensor with ctx.save_for_backward",
            "save x there and read it back in backward with `(x,) = ctx.saved_tensors`: a "
            "tensor kept as ctx.x escapes autograd's check that it was not changed in place "
            "before backward ran"))
    if "backward" in found:
        kind, text = (list(found["backward"]) + ["", ""])[:2]
        fail(checks._sentence(f"the backward of Softplus raised {kind}: {text}", hint))
    name = f"the gradient of Softplus at {short(x)}"
    gradient = _tensor_result(found.get("gradient"), name, name)
    check_finite(gradient, name, hint=hint)
    close(gradient, weights * torch.sigmoid(x), name, rtol=1e-9, atol=1e-12, reveal=reveal,
          hint=hint)


GRADCHECK_EPS, GRADCHECK_RTOL, GRADCHECK_ATOL = 1e-6, 1e-3, 1e-5  # torch.autograd.gradcheck's


def gradcheck_pieces(apply, x, eps=GRADCHECK_EPS):
    """What torch.autograd.gradcheck compares, computed where apply is (checks.on_student_side),
    for a function of one tensor: {"rows": its Jacobian, one backward pass (a VJP with a unit
    vector) per output element, "plus"/"minus": its outputs, flattened, at x + eps and at
    x - eps along each element of x in turn}, or a description of an output autograd cannot
    differentiate. Exceptions propagate."""
    leaf = x.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        out = apply(leaf)
        if not isinstance(out, torch.Tensor) or out.grad_fn is None:
            return checks._describe(out)
        rows = []
        for i in range(out.numel()):
            unit = torch.zeros(out.numel(), dtype=out.dtype)
            unit[i] = 1.0
            (row,) = torch.autograd.grad(out, leaf, unit.reshape(out.shape), retain_graph=True)
            rows.append(row.reshape(-1))
    plus, minus = [], []
    with torch.no_grad():
        for j in range(leaf.numel()):
            step = torch.zeros(leaf.numel(), dtype=leaf.dtype)
            step[j] = eps
            step = step.reshape(leaf.shape)
            plus.append(apply(leaf.detach() + step).reshape(-1))
            minus.append(apply(leaf.detach() - step).reshape(-1))
    return {"rows": torch.stack(rows), "plus": torch.stack(plus), "minus": torch.stack(minus)}


@checks.check
def check_gradcheck(apply, x, *, hint=""):
    """Fail unless the backward of apply agrees with finite differences of its forward at x
    (float64), as torch.autograd.gradcheck checks it: the Jacobian from backward passes
    against centred differences with eps 1e-6, to rtol 1e-3 and atol 1e-5. The student's
    kernel computes both (gradcheck_pieces); they are compared here."""
    __tracebackhide__ = True
    x = x.detach().clone().to(F64)
    try:
        found = checks.on_student_side(gradcheck_pieces)(apply, x)
    except checks.CheckFailed:
        raise
    except Exception as error:
        fail(checks._sentence(f"gradcheck raised {checks._error_text(error)}", hint))
    if isinstance(found, str):
        fail(checks._sentence(f"gradcheck: Softplus.apply returned {found}, which autograd "
                              "cannot differentiate", hint))
    pieces = [found.get(k) for k in ("rows", "plus", "minus")] if isinstance(found, dict) else []
    if len(pieces) != 3 or not all(type(p) is torch.Tensor for p in pieces):
        fail("gradcheck's results could not be read")
    rows, plus, minus = (p.to(F64) for p in pieces)
    numerical = ((plus - minus) / (2 * GRADCHECK_EPS)).T
    if rows.shape != numerical.shape or not torch.allclose(
            rows, numerical, rtol=GRADCHECK_RTOL, atol=GRADCHECK_ATOL):
        fail(checks._sentence("the backward of Softplus disagrees with finite differences of "
                              "its forward (what torch.autograd.gradcheck checks)", hint))


@checks.check
def check_second_derivative(second_derivative, f, points, reference, *, reveal=True, hint=""):
    """Fail unless second_derivative(f, tensor(x)) equals reference(x) at each float x."""
    __tracebackhide__ = True
    for x in points:
        shown = f"second_derivative({getattr(f, '__name__', f)}, tensor({x:g}))"
        got = call(second_derivative, f, torch.tensor(x, dtype=F64), name="second_derivative",
                   hint=hint)
        close(as_float(got, shown), reference(x), shown, rtol=1e-8, atol=1e-10,
              reveal=reveal, hint=hint)


@checks.check
def check_newton(newton_minimize, f, x0, steps, *, reveal=True, hint=""):
    """Fail unless newton_minimize(f, x0, steps) is steps Newton updates from x0."""
    __tracebackhide__ = True
    name = f"newton_minimize({getattr(f, '__name__', f)}, {x0:g}, {steps})"
    got = call(newton_minimize, f, x0, steps, name="newton_minimize", hint=hint)
    checks.iterates_match(got, name, start=x0, steps={"x - f'(x) / f''(x)": newton_step(f)},
                          n_steps=steps, rtol=1e-8, atol=1e-10, reveal=reveal, hint=hint)


@checks.check
def check_minimum(newton_minimize, f, x0, steps, *, hint=""):
    """Fail unless newton_minimize(f, x0, steps) ends at the minimum of the convex f: the
    message says which way is downhill, never where the minimum is."""
    __tracebackhide__ = True
    name = f"newton_minimize({getattr(f, '__name__', f)}, {x0:g}, {steps})"
    got = call(newton_minimize, f, x0, steps, name="newton_minimize", hint=hint)
    checks.minimises(lambda p: f(p[0]), [as_float(got, name)], ["x"], atol=1e-9, hint=hint,
                     what=getattr(f, "__name__", "f"))


@checks.check
def check_hvp(hvp, f, x, v, *, budget=None, compare=True, reveal=True, hint=""):
    """Fail unless hvp(f, x, v) equals torch.autograd.functional.hvp's product, with torch's
    Hessian and Jacobian functions off, and (with budget) at most budget backward passes.
    compare=False checks only that it runs so and returns a tensor shaped like x."""
    __tracebackhide__ = True
    shown = f"hvp({f}, x and v of {x.numel()} elements)"
    guard = checks.backward_budget("hvp", budget) if budget else contextlib.nullcontext()
    with forbidden(_HESSIAN_BUILTINS, "hvp must not call torch's Hessian or Jacobian "
                                      "functions"), guard:
        got = call(hvp, f, x.detach().clone(), v.detach().clone(), name="hvp", hint=hint)
    _tensor_result(got, shown, shown)
    if not compare:
        if tuple(got.shape) != tuple(x.shape):
            fail(checks._sentence(f"{shown} has shape {tuple(got.shape)}, expected "
                                  f"{tuple(x.shape)}", hint))
        return
    _, want = torch.autograd.functional.hvp(f, x.detach(), v.detach())
    close(got, want, shown, rtol=1e-8, atol=1e-10, reveal=reveal, hint=hint)


@checks.check
def check_forward_derivative(forward_derivative, sin, expression, x, *, reveal=True, hint=""):
    """Fail unless forward_derivative(f, x), for f the expression with the student's sin and
    with autograd off, equals autograd's derivative of the same expression at the float x."""
    __tracebackhide__ = True
    f = expression.bind(sin)
    shown = f"forward_derivative(f, {x:g}) for {f}"
    with checks.autograd_forbidden("forward_derivative must use dual numbers, not autograd"):
        got = call(forward_derivative, f, x, name="forward_derivative", hint=hint)
    leaf = torch.tensor(x, dtype=F64, requires_grad=True)
    with torch.enable_grad():
        (want,) = torch.autograd.grad(expression.evaluate(leaf, torch.sin), leaf)
    close(as_float(got, shown), want.item(), shown, rtol=1e-9, atol=1e-10, reveal=reveal,
          hint=hint)


@checks.check
def check_jacobian(jacobian_fn, name, f, x, *, reveal=True, hint=""):
    """Fail unless jacobian_fn(f, x) equals torch.autograd.functional.jacobian(f, x), an m x n
    matrix, with torch's own Jacobian functions off."""
    __tracebackhide__ = True
    shown = f"{name}({f}, x)"
    with forbidden(_JACOBIAN_BUILTINS, f"{name} must build the matrix from JVPs or VJPs"):
        got = call(jacobian_fn, f, x.detach().clone(), name=name, hint=hint)
    _tensor_result(got, shown, shown)
    want = torch.autograd.functional.jacobian(f, x.detach())
    if tuple(got.shape) != tuple(want.shape):
        swapped = tuple(got.shape) == tuple(want.shape)[::-1]
        fail(checks._sentence(
            f"{shown} has shape {tuple(got.shape)}, expected {tuple(want.shape)} (one row per "
            "output, one column per input)",
            "rows and columns are swapped: stack JVPs as columns, VJPs as rows" if swapped
            else "", hint))
    close(got, want, shown, rtol=1e-8, atol=1e-10, reveal=reveal, hint=hint)


@checks.check
def check_jacobian_modes(jacobian_forward, jacobian_reverse, f, x, *, hint=""):
    """Fail unless jacobian_forward runs with backward passes off (forward mode needs none)
    and jacobian_reverse runs at least one backward pass."""
    __tracebackhide__ = True
    with checks.autograd_forbidden("jacobian_forward must use forward mode (torch.func.jvp), "
                                   "which needs no backward pass"):
        call(jacobian_forward, f, x.detach().clone(), name="jacobian_forward", hint=hint)
    with checks.autograd_required("jacobian_reverse"):
        call(jacobian_reverse, f, x.detach().clone(), name="jacobian_reverse", hint=hint)

