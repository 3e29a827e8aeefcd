"""Checks that the notebooks' test cells call.

They hold comparison logic and the messages a student reads, never answers: every reference
is computed by the test cell that calls them (with autograd or a closed form), on the
student's own data. Each check returns None, because nbgrader reads a test cell that ends in
a number as a partial score, and fails with an AssertionError written for the student:
what was expected, what came back, and a hint.
"""

import builtins
import contextlib
import functools
import math
import numbers
import os
import sys
import warnings

import numpy
import torch
import torch.nn.functional

from course import bridge

# Our own references, taken when the locked first cell imports this module, so that a
# student cell that rebinds torch.allclose or math.isclose cannot change how we compare.
_isclose = math.isclose
_isfinite = math.isfinite
_Tensor = torch.Tensor
_PLAIN_TENSORS = (torch.Tensor, torch.nn.Parameter)
_as_tensor = torch.as_tensor
_allclose = torch.allclose
_autograd_grad = torch.autograd.grad

# What the test cells and this module rely on. A student cell that replaces one of these
# would change what the tests compute, so every check first verifies they are unchanged.
_RELIED_ON = {
    f"{owner.__name__}.{name}": (owner, name)
    for owner, names in [
        (torch, ["allclose", "isclose", "equal", "tensor", "as_tensor", "sin", "cos", "log",
                 "exp", "linspace", "full", "ones", "zeros", "randn", "rand", "cat"]),
        (torch.Tensor, ["backward", "detach", "clone", "item", "tolist", "__eq__"]),
        (torch.autograd, ["grad", "backward"]),
        (torch.nn.functional, ["mse_loss"]),
        (torch.linalg, ["lstsq", "solve"]),
        (math, ["isclose", "isfinite", "cos", "sin"]),
        (numpy, ["allclose", "isclose", "asarray", "sin", "cos"]),
        (builtins, ["abs", "float", "isinstance", "len", "range", "print", "getattr"]),
    ]
    for name in names
}
_ORIGINALS = {key: getattr(owner, name) for key, (owner, name) in _RELIED_ON.items()}
_REPLACED_BY_US = set()  # names forbidden() has swapped out on purpose, for now


class CheckFailed(AssertionError):
    """A test cell's check did not pass; the message is written for the student."""


# Set in the examiner (course.examiner), where the student's names are handles and values
# from the student's kernel; None in a student's own kernel, where they are the objects.
_examiner = None


def examine_through(examiner):
    """Run the checks in the examiner: guards go with each call into the student's kernel."""
    global _examiner
    _examiner = examiner


class _Student:
    """The student's own names: `student.x` is the student's x even where a locked cell also
    defines an x (in the examiner, names a locked cell defines are the examiner's own)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if _examiner is not None:
            return _examiner.fetch(name)
        shell = _ipython()
        if shell is None or name not in shell.user_ns:
            raise NameError(f"name {name!r} is not defined in your notebook")
        return shell.user_ns[name]


student = _Student()


def setup():
    """Prepare the kernel for grading; the locked first cell of every notebook calls it.

    Warnings go to stdout, since nbgrader scores a test cell with any stderr output as 0, so
    a harmless torch warning from a correct answer costs nothing. A failed check shows its
    message alone, without a traceback into this module.
    """
    warnings.showwarning = _show_warning_on_stdout
    # nbgrader tells the kernel it is grading; student code has no business knowing.
    os.environ.pop("NBGRADER_EXECUTION", None)
    shell = _ipython()
    if shell is not None:
        shell.set_custom_exc((CheckFailed,), _show_check_failure)


def _show_warning_on_stdout(message, category, filename, lineno, file=None, line=None):
    print(f"{category.__name__}: {message}", file=sys.stdout)


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _show_check_failure(shell, etype, value, tb, tb_offset=None):
    # Still an error output (nbgrader scores the cell 0), but in IPython's one-line form.
    mode = shell.InteractiveTB.mode
    shell.InteractiveTB.set_mode("Minimal")
    try:
        shell.showtraceback((etype, value, tb))
    finally:
        shell.InteractiveTB.set_mode(mode)


def fail(message):
    """Fail the current test with a message for the student."""
    __tracebackhide__ = True
    raise CheckFailed(message)


def untampered():
    """Fail if a cell replaced a function the grader relies on (torch.allclose, print, ...)."""
    __tracebackhide__ = True
    for key, (owner, name) in _RELIED_ON.items():
        if key not in _REPLACED_BY_US and getattr(owner, name, None) is not _ORIGINALS[key]:
            fail(f"a cell replaced {key}, which the grader relies on, so this test cannot be "
                 f"trusted and counts as failed: remove the assignment to {key} and rerun "
                 "the notebook from a restarted kernel")


def check(fn):
    """The contract of every public check, the functions a test cell calls to pass or fail:
    first untampered() (a test cannot be trusted in a kernel whose comparisons were
    replaced), then the check, whose failure is a CheckFailed with a message for the student
    and whose success returns what it found, or None (nbgrader scores a test cell that ends
    in a number by that number)."""

    @functools.wraps(fn)
    def checked(*args, **kwargs):
        __tracebackhide__ = True
        untampered()
        return fn(*args, **kwargs)

    return checked


@check
def call(fn, *args, name=None, hint=""):
    """Call the student's fn, turning any exception into a message that says which call raised."""
    __tracebackhide__ = True
    return _call(fn, args, name, hint, lambda: fn(*args))


def _call(fn, args, name, hint, invoke):
    """invoke(), a call of the student's fn with args, as call makes it."""
    __tracebackhide__ = True
    name = name or _name_of(fn)
    if not _callable(fn):
        fail(f"{name} should be a function, but it is {_describe(fn)}")
    try:
        return invoke()
    except CheckFailed:
        raise  # a guard around the call failed (see forbidden)
    except NotImplementedError:
        _not_written(name)
    except bridge.StudentError as error:
        if error.type_name == "NotImplementedError":
            _not_written(name)
        shown = ", ".join(short(a) for a in args)
        fail(_sentence(f"{name}({shown}) raised {error}", hint))
    except bridge.BridgeError as error:
        fail(_sentence(f"{name} could not be called: {error}", hint))
    except Exception as error:
        shown = ", ".join(short(a) for a in args)
        fail(_sentence(f"{name}({shown}) raised {type(error).__name__}: {error}", hint))


@check
def call_repeatedly(fn, *args, times=2, name=None, hint=""):
    """Call the student's fn `times` times on the very same args, as call does once: gives
    the results (each copied as it came back) and the args as they are afterwards, so a test
    sees whether fn changes its inputs or answers differently the second time. In the
    examiner the calls run in the student's kernel, where args stay one object each."""
    __tracebackhide__ = True
    found = _call(fn, args, name, hint,
                  lambda: on_student_side(calls_on_the_same_args)(fn, list(args), times))
    if not (isinstance(found, list) and len(found) == 2 and isinstance(found[0], list)
            and len(found[0]) == times and isinstance(found[1], list)
            and len(found[1]) == len(args)):
        fail(f"{name or _name_of(fn)}'s results could not be read")
    return found


def calls_on_the_same_args(fn, args, times):
    """fn(*args) `times` times, each result copied before the next call, and args afterwards.
    Runs where fn is (see on_student_side and call_repeatedly)."""
    results = []
    for _ in range(times):
        got = fn(*args)
        results.append(got.detach().clone() if isinstance(got, _Tensor) else got)
    return [results, list(args)]


def _not_written(name):
    __tracebackhide__ = True
    fail(f"{name} is not written yet: replace `raise NotImplementedError()` with your code")


def _callable(fn):
    if isinstance(fn, bridge.Handle):
        return fn._bridge_info.get("callable") is not False
    return callable(fn)


def _name_of(fn):
    if isinstance(fn, bridge.Handle):
        return fn._bridge_info.get("name", "your function")
    return getattr(fn, "__name__", "your function")


@check
def as_float(value, name):
    """The number in value (a Python or numpy number, or a one-element tensor) as a float."""
    __tracebackhide__ = True
    if isinstance(value, _Tensor):
        _plain(value, name)
        if value.numel() != 1:
            fail(f"{name} should hold one number, but it is a tensor of shape {tuple(value.shape)}")
        number = value.detach().reshape(()).item()
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = value
    else:
        fail(f"{name} should be a number (a float or a one-element tensor), "
             f"but it is {_describe(value)}")
    number = float(number)
    if not _isfinite(number):
        fail(f"{name} is {number}: the computation blew up; look for a step size that is too large")
    return number


def is_number(value, name):
    """Fail unless value is one number (see as_float); returns None, so it can end a test cell."""
    __tracebackhide__ = True
    as_float(value, name)


@check
def as_tensor(value, name, *, lists=False):
    """value as a float64 tensor, after checking it is a tensor (or, with lists=True, a list
    or tuple of numbers, such as what .tolist() gives, or a NumPy array, such as a copy
    made with .numpy().copy())."""
    __tracebackhide__ = True
    if lists and isinstance(value, numpy.ndarray):
        if value.dtype.kind not in "fiu":
            fail(f"{name} should hold numbers, but it is a NumPy array of {value.dtype}")
        return torch.tensor(value.astype(numpy.float64))
    if lists and isinstance(value, (list, tuple)):
        numbers_only = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value)
        if numbers_only:
            return torch.tensor([float(v) for v in value], dtype=torch.float64)
        fail(f"{name} should be a tensor or a list of numbers, but it is {short(value)}")
    if not isinstance(value, _Tensor):
        fail(f"{name} should be a torch tensor, but it is {_describe(value)}")
    _plain(value, name)
    return value.detach().to(torch.float64)


def _plain(tensor, name):
    """Refuse tensor subclasses: they can redefine how comparisons behave."""
    __tracebackhide__ = True
    if type(tensor) not in _PLAIN_TENSORS:
        fail(f"{name} is a {type(tensor).__name__}, a subclass of torch.Tensor: "
             "give a plain tensor")


@check
def snapshots_match(snapshots, expected, name, *, hint="", reveal=True):
    """Fail unless snapshots (a list of tensors or of lists) equals expected, item by item.

    Each item may be a tensor, a list of numbers or a NumPy array. Names the classic bug:
    appending the same tensor (e.g. W.grad itself, which later steps change in place) instead
    of a copy of its values at the time. reveal=False keeps the expected values out of the
    message.
    """
    __tracebackhide__ = True
    if not isinstance(snapshots, list):
        fail(f"{name} should be a list, but it is {_describe(snapshots)}")
    if len(snapshots) != len(expected):
        fail(f"{name} has {len(snapshots)} entries, expected {len(expected)}: one per epoch")
    tensors = [s for s in snapshots if isinstance(s, _Tensor)]
    arrays = [s for s in snapshots if isinstance(s, numpy.ndarray)]
    shared = len({id(t) for t in tensors + arrays}) < len(tensors) + len(arrays) or any(
        shares_memory(t, u) for i, t in enumerate(tensors) for u in tensors[i + 1:]) or any(
        numpy.shares_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1:])
    for k, (got, want) in enumerate(zip(snapshots, expected, strict=True)):
        actual = as_tensor(got, f"{name}[{k}]", lists=True)
        if actual.shape != want.shape or not _allclose(actual, want.to(torch.float64)):
            aliasing = ("several entries are the same tensor, which kept changing after you "
                        "appended it: append a copy, W.grad.clone() or W.grad.tolist()"
                        if shared else "")
            expected_part = f", expected {want.tolist()}" if reveal else ""
            fail(_sentence(f"{name}[{k}] is {short(got)}{expected_part}", aliasing, hint))


def gradient_snapshots(loss, start, epochs, *, zero):
    """A reference computed by autograd: the parameter's .grad after each of `epochs`
    backward passes of loss(W), from W = start; cleared after each epoch when zero is True."""
    W = start.detach().clone().to(torch.float64).requires_grad_(True)
    found = []
    for _ in range(epochs):
        with torch.enable_grad():
            loss(W).backward()
        found.append(W.grad.detach().clone())
        if zero:
            W.grad = None
    return found


@check
def close(actual, expected, name, *, rtol=1e-6, atol=1e-9, hint="", reveal=True, why=None):
    """Fail unless actual (a number or tensor) is close to the reference expected.

    reveal=False keeps the reference out of the message: use it in hidden tests. why, when
    given, replaces the guess at the cause (see _diagnose) that the message would name.
    """
    __tracebackhide__ = True
    if isinstance(expected, _Tensor):
        expected = expected.detach()  # a reference with a graph: no warning about .item()
        if expected.numel() != 1:
            return _tensors_close(actual, expected, name, rtol, atol, hint, reveal, why)
    got, want = as_float(actual, name), float(expected)
    if _isclose(got, want, rel_tol=rtol, abs_tol=atol):
        return None
    expected_part = f", expected {want:.6g}" if reveal else ""
    fail(_sentence(f"{name} is {got:.6g}{expected_part}",
                   _diagnose(got, want) if why is None else why, hint))


def _tensors_close(actual, expected, name, rtol, atol, hint, reveal, why=None):
    __tracebackhide__ = True
    got = as_tensor(actual, name)
    want = expected.detach().to(torch.float64)
    if got.shape != want.shape:
        fail(_sentence(f"{name} has shape {tuple(got.shape)}, expected shape {tuple(want.shape)}",
                       "check for an accidental broadcast between shapes like (n,) and (n, 1)",
                       hint))
    if _allclose(got, want, rtol=rtol, atol=atol):
        return None
    error = (got - want).abs()
    where = tuple(int(i) for i in torch.unravel_index(error.argmax(), error.shape))
    at = f" at index {where}" if where else ""
    expected_part = f", expected {want[where].item():.6g}" if reveal else ""
    first = f"{name}{at} is {got[where].item():.6g}{expected_part}"
    fail(_sentence(first, _diagnose(got, want) if why is None else why, hint))


def _diagnose(got, want):
    """A guess at what went wrong, from how got differs from want: a sign or a constant factor.

    Any two single numbers have a ratio, and many a wrong formula agrees with a factor at one
    or two points, so a cause is named only when at least three nonzero points agree.
    """
    got, want = _as_tensor(got, dtype=torch.float64), _as_tensor(want, dtype=torch.float64)
    nonzero = want.abs() > 1e-12
    if int(nonzero.sum()) < _AGREEING_POINTS:
        return ""
    ratio = got[nonzero] / want[nonzero]
    factor = ratio.flatten()[0].item()
    if not _allclose(ratio, torch.full_like(ratio, factor), rtol=1e-4):
        return ""
    if _isclose(factor, -1.0, rel_tol=1e-4):
        return "it has the wrong sign everywhere: check the sign of your formula"
    if not _isclose(factor, 0.0, abs_tol=1e-9):
        return (f"it is {factor:.4g} times the right value everywhere: look for a missing or "
                "extra factor")
    return ""


_AGREEING_POINTS = 3  # how many points must agree before a message names a cause


@check
def function_matches(fn, reference, inputs, name, *, rtol=1e-6, atol=1e-9, hint="",
                     reveal=True, guard=contextlib.nullcontext):
    """Fail unless fn(x) matches reference(x) for every x in inputs (floats or tensors).

    A float input must give a number back; a tensor input a tensor of the same shape.
    guard() makes a context manager that each call of fn (not of reference) runs in.
    """
    __tracebackhide__ = True
    if not _callable(fn):
        fail(f"{name} should be a function, but it is {_describe(fn)}")
    try:
        with guard():
            outcomes = on_student_side(calls_each)(fn, [[_copy(x)] for x in inputs])
    except CheckFailed:
        raise
    except Exception as error:  # in the examiner: the calls as a whole did not come back
        fail(_sentence(f"{name} could not be called on "
                       f"{', '.join(short(x) for x in inputs)}: {_error_text(error)}", hint))
    if not isinstance(outcomes, list) or len(outcomes) != len(inputs):
        fail(f"{name}'s results could not be read")
    results = []
    for x, outcome in zip(inputs, outcomes, strict=True):
        got = _outcome(outcome, name, x, hint)
        want = reference(_copy(x))
        if isinstance(x, _Tensor) and not isinstance(got, _Tensor):
            fail(_sentence(f"{name}({short(x)}) returned {_describe(got)}, expected a tensor",
                           "use torch operations so that tensors go in and come out", hint))
        results.append((x, got, want))
    # Single numbers are diagnosed together: a cause is named only if several points agree.
    floats = [(as_float(got, f"{name}({short(x)})"), float(want))
              for x, got, want in results if not isinstance(x, _Tensor)]
    why = _diagnose([g for g, _ in floats], [w for _, w in floats]) if floats else ""
    for x, got, want in results:
        tensor = isinstance(x, _Tensor)
        close(got, _as_tensor(want, dtype=torch.float64) if tensor else want,
              f"{name}({short(x)})", rtol=rtol, atol=atol, hint=hint, reveal=reveal,
              why=None if tensor else why)


def calls_each(fn, arg_lists):
    """fn(*args) for each args of arg_lists, one after the other: ["value", result] or
    ["raised", its exception's class name, its message] for each. Runs where fn is (see
    on_student_side): in the examiner, all the calls cost one round trip."""
    outcomes = []
    for args in arg_lists:
        try:
            outcomes.append(["value", fn(*args)])
        except CheckFailed:
            raise  # a guard around the calls failed (see forbidden)
        except Exception as error:
            outcomes.append(["raised", type(error).__name__, str(error)])
    return outcomes


def _outcome(outcome, name, x, hint):
    """What calls_each says fn(x) returned; fails as call does when it raised."""
    __tracebackhide__ = True
    if not (isinstance(outcome, list) and len(outcome) in (2, 3)):
        fail(f"{name}'s results could not be read")
    if outcome[0] == "value":
        return outcome[1]
    kind, message = str(outcome[1]), str(outcome[2] if len(outcome) == 3 else "")
    if kind == "NotImplementedError":
        _not_written(name)
    fail(_sentence(f"{name}({short(x)}) raised {kind}: {message}", hint))


def autograd_derivative(fn, x):
    """d fn(x) / dx by autograd, elementwise, at a float or tensor x (computed in float64)."""
    t = _as_tensor(x, dtype=torch.float64).detach().clone().requires_grad_(True)
    with torch.enable_grad():
        (gradient,) = _autograd_grad(fn(t).sum(), t)
    return gradient.item() if not isinstance(x, _Tensor) else gradient


def derivative_matches(fn, reference, inputs, name, **options):
    """Fail unless fn(x) equals the autograd derivative of reference at every x in inputs."""
    __tracebackhide__ = True
    function_matches(fn, lambda x: autograd_derivative(reference, x), inputs, name, **options)


class bind:
    """fn with its first arguments fixed: bind(mse, X, y)(w, b) is mse(X, y, w, b).

    A test hands it to code that differentiates the student's function (gradients_match):
    in the examiner it crosses to the student's kernel by value (course.bridge), where the
    student's function is, and autograd with it.
    """

    def __init__(self, fn, *fixed):
        self.fn, self.fixed = fn, fixed

    def __call__(self, *args):
        return self.fn(*self.fixed, *args)

    def __portable__(self):
        return "course.checks.bind", (self.fn, *self.fixed), {}


def gradients_of(fn, params):
    """Autograd's gradients of fn(*params).sum() in each of params (None where it does not
    depend on one), or, when fn's result is no tensor autograd can differentiate, a
    description of it. Runs where fn is: in the student's kernel (see on_student_side)."""
    copies = [p.detach().clone().requires_grad_(True) for p in params]
    with torch.enable_grad():
        out = fn(*copies)
        if not isinstance(out, _Tensor) or out.grad_fn is None:
            return _describe(out)
        grads = _autograd_grad(out.sum(), copies, allow_unused=True)
    return [None if g is None else g.detach() for g in grads]


def on_student_side(producer):
    """producer (a function of this module), run where the student's code is: here in the
    student's kernel, through the bridge in the examiner. What it returns crosses by value,
    and the test judges it."""
    if _examiner is None:
        return producer
    return lambda *args: _examiner.kernel.call(producer, args)


@check
def gradients_match(fn, reference, params, names, *, rtol=1e-5, atol=1e-7, hint="", reveal=True):
    """Fail unless autograd gives the same gradients of fn(*params) and reference(*params).

    fn is the student's function, or bind(student's function, fixed arguments...).
    """
    __tracebackhide__ = True
    try:
        got = on_student_side(gradients_of)(fn, params)
    except CheckFailed:
        raise
    except Exception as error:
        if isinstance(error, NotImplementedError) or getattr(
                error, "type_name", None) == "NotImplementedError":
            _not_written(names[0])
        fail(_sentence(f"{names[0]} raised {_error_text(error)}", hint))
    if isinstance(got, str):
        fail(_sentence(f"{names[0]} returned {got}, which autograd cannot differentiate",
                       "return a tensor built from torch operations on the inputs; "
                       "`.item()`, `.detach()` or `float()` cut the graph", hint))
    if not isinstance(got, list) or len(got) != len(params):
        fail(f"{names[0]}'s gradients could not be read")
    fresh = [p.detach().clone().requires_grad_(True) for p in params]
    with torch.enable_grad():
        want = _autograd_grad(reference(*fresh).sum(), fresh)
    for name, g, w in zip(names[1:], got, want, strict=True):
        if g is None:
            fail(_sentence(f"the result of {names[0]} does not depend on {name}", hint))
        close(g, w if w.numel() != 1 else w.reshape(()), f"its gradient in {name}",
              rtol=rtol, atol=atol, hint=hint, reveal=reveal)


def _error_text(error):
    if isinstance(error, (bridge.StudentError, bridge.BridgeError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


@check
def iterates_match(value, name, *, start, steps, n_steps, rtol=1e-6, atol=1e-9, hint="",
                   reveal=True):
    """Fail unless value is start after exactly n_steps applications of one of the steps.

    steps maps a description to an update function. When value matches a different number
    of updates, the message says how many. reveal=False keeps the expected value out of it.
    """
    __tracebackhide__ = True
    got = as_float(value, name)
    histories = {label: _iterate(step, start, n_steps + 3) for label, step in steps.items()}
    if any(_isclose(got, h[n_steps], rel_tol=rtol, abs_tol=atol) for h in histories.values()):
        return None
    label, history = next(iter(histories.items()))
    for k in sorted(range(len(history)), key=lambda k: abs(k - n_steps)):
        if _isfinite(history[k]) and _isclose(got, history[k], rel_tol=rtol, abs_tol=atol):
            fail(_sentence(f"{name} is {got:.6g}, what {k} updates give, not {n_steps}",
                           "count your loop's iterations: range(n) runs n times"))
    expected_part = f"give {history[n_steps]:.6g}" if reveal else "end elsewhere"
    fail(_sentence(f"{name} is {got:.6g}, but {n_steps} updates of {label} from {start:g} "
                   f"{expected_part}", hint))


def _iterate(step, start, n):
    history = [start]
    for _ in range(n):
        try:
            history.append(float(step(history[-1])))
        except Exception:
            history.append(math.nan)
    return history


@check
def minimises(loss, values, names, *, atol, hint="", what="the loss"):
    """Fail unless values (numbers or one-element tensors) sit within atol of where loss is
    smallest. loss takes a float64 tensor of len(values) parameters.

    Autograd gives the slope and curvature of loss at values, and one Newton step the
    distance to the minimum of a quadratic; the message says which way is downhill, never
    where the minimum is.
    """
    __tracebackhide__ = True
    point = [as_float(v, n) for v, n in zip(values, names, strict=True)]
    params = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():
        (slope,) = _autograd_grad(loss(params), params, create_graph=True)
        curvature = torch.stack([_autograd_grad(g, params, retain_graph=True)[0] for g in slope])
    step = torch.linalg.solve(curvature.detach(), slope.detach())
    for name, distance in zip(names, step.tolist(), strict=True):
        if abs(distance) > atol:
            way = "smaller" if distance > 0 else "larger"
            fail(_sentence(f"{what} is not at its minimum at your {', '.join(names)}: it still "
                           f"goes down towards {way} values of {name}", hint))


def facts(tensor):
    """What autograd knows of a tensor: is_leaf, grad_fn (its class name, or None) and storage
    (the address of its memory). In the examiner, a student's tensor is a copy, and these are
    what they were in the student's kernel."""
    known = getattr(tensor, "_course_facts", None) if _examiner is not None else None
    if known is not None:
        return dict(known)
    return {"is_leaf": tensor.is_leaf,
            "grad_fn": None if tensor.grad_fn is None else type(tensor.grad_fn).__name__,
            "storage": tensor.untyped_storage().data_ptr()}


def shares_memory(a, b):
    """Whether tensors a and b share their memory (one is a view or a detach() of the other)."""
    return facts(a)["storage"] == facts(b)["storage"]


@check
def is_leaf_requiring_grad(value, name, *, hint=""):
    """Fail unless value is a leaf tensor that requires grad (a parameter you can update)."""
    __tracebackhide__ = True
    if not isinstance(value, _Tensor):
        fail(f"{name} should be a torch tensor, but it is {_describe(value)}")
    if not value.requires_grad:
        fail(_sentence(f"{name} does not require grad any more",
                       "keep the tensor created with requires_grad=True and update it in place",
                       hint))
    known = facts(value)
    if not known["is_leaf"]:
        fail(_sentence(f"{name} is no longer a leaf tensor: it was computed by "
                       f"{known['grad_fn']}, so it has no .grad of its own",
                       "update it in place inside `with torch.no_grad():`", hint))


@check
def is_none(value, name, *, hint=""):
    """Fail unless value is None."""
    __tracebackhide__ = True
    if value is not None:
        fail(_sentence(f"{name} is {short(value)}, expected None", hint))


@contextlib.contextmanager
def _in_student_calls(guard):
    """In the examiner: the student's calls made while the block runs take the guard along,
    and it runs around them in the student's kernel (course.bridge)."""
    bridge.GUARDS.append(guard)
    try:
        yield
    finally:
        bridge.GUARDS.remove(guard)


def _path(owner):
    """The dotted path of a module or class, for a guard sent to the student's kernel."""
    if isinstance(owner, type):
        return f"{owner.__module__}.{owner.__qualname__}".replace("torch._tensor.", "torch.")
    return owner.__name__


def forbidden(targets, reason):
    """Make each function in targets raise while the block runs; reason goes in the message.

    targets maps a name for the message to (owner, attribute), e.g.
    {"torch.cos": (torch, "cos")}. Each is restored when the block ends.
    """
    if _examiner is not None:
        where = [[name, [_path(owner), attribute]] for name, (owner, attribute) in targets.items()]
        return _in_student_calls(["forbidden", [where, reason]])
    return _forbidden_here(targets, reason)


@contextlib.contextmanager
def _forbidden_here(targets, reason):
    saved = {name: (getattr(owner, attribute), attribute in vars(owner))
             for name, (owner, attribute) in targets.items()}

    def refusing(name):
        def refuse(*args, **kwargs):
            raise RuntimeError(f"{name} was called: {reason}")
        return refuse

    ours = {key for key, (o, n) in _RELIED_ON.items()
            if any(o is owner and n == attribute for owner, attribute in targets.values())}
    _REPLACED_BY_US.update(ours)
    for name, (owner, attribute) in targets.items():
        setattr(owner, attribute, refusing(name))
    try:
        yield
    finally:
        _REPLACED_BY_US.difference_update(ours)
        for name, (owner, attribute) in targets.items():
            original, own = saved[name]
            if own:
                setattr(owner, attribute, original)
            else:  # inherited, e.g. Tensor.cos from the C base class: drop the override
                delattr(owner, attribute)


# The engine entry point that Tensor.backward, torch.autograd.grad and torch.autograd.functional
# all go through, in the two modules that hold it, so names bound before a block count too.
_ENGINE = {"autograd": (torch.autograd, "_engine_run_backward"),
           "autograd (graph)": (torch.autograd.graph, "_engine_run_backward")}


def autograd_forbidden(reason):
    """Make every autograd backward pass raise while the block runs."""
    if _examiner is not None:
        return _in_student_calls(["autograd_forbidden", [reason]])
    return _forbidden_here(_ENGINE, reason)


def autograd_required(name):
    """Fail unless the block runs at least one autograd backward pass (in the examiner: unless
    each of the student's calls in it does)."""
    if _examiner is not None:
        return _in_student_calls(["autograd_required", [name]])
    return _autograd_required_here(name)


@contextlib.contextmanager
def _each_backward_pass(before):
    """Call before() ahead of every autograd backward pass while the block runs."""
    original = torch.autograd._engine_run_backward

    def counting(*args, **kwargs):
        before()
        return original(*args, **kwargs)

    torch.autograd._engine_run_backward = torch.autograd.graph._engine_run_backward = counting
    try:
        yield
    finally:
        torch.autograd._engine_run_backward = torch.autograd.graph._engine_run_backward = original


@contextlib.contextmanager
def _autograd_required_here(name):
    __tracebackhide__ = True
    calls = []
    with _each_backward_pass(lambda: calls.append(True)):
        yield
    if not calls:
        fail(f"{name} gave its answer without autograd: compute it with backward() or "
             "torch.autograd.grad, not with a formula or finite differences")


def backward_budget(name, limit):
    """Make every backward pass after the first limit raise while the block runs (in the
    examiner: in each of the student's calls in it)."""
    if _examiner is not None:
        return _in_student_calls(["backward_budget", [name, limit]])
    return _backward_budget_here(name, limit)


def _backward_budget_here(name, limit):
    calls = []

    def count():
        calls.append(True)
        if len(calls) > limit:
            raise RuntimeError(f"{name} ran more than {limit} backward passes")

    return _each_backward_pass(count)


def _copy(x):
    return x.detach().clone() if isinstance(x, _Tensor) else x


def short(value):
    """A short description of a value for a message: numbers in full, tensors by shape."""
    if isinstance(value, _Tensor):
        if value.numel() <= 4:
            return f"tensor({value.detach().tolist()})"
        return f"a tensor of shape {tuple(value.shape)}"
    if isinstance(value, float):
        return f"{value:g}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(value):
    if value is None:
        return "None (did your function forget to `return`?)"
    if isinstance(value, bridge.Handle):  # an object in the student's kernel: not a value
        why = value._bridge_info.get("why")
        return f"a {value.type_name}" + (f" ({why})" if why else "")
    return f"a {type(value).__name__} ({short(value)})"


def _sentence(first, *more):
    """'what happened: why; what to try', skipping empty parts."""
    rest = "; ".join(p for p in more if p)
    return f"{first}: {rest}" if rest else first
