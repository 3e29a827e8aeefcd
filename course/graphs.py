"""Computation graphs of + and * for testing hand-written reverse-mode autodiff against torch.

A Graph is a recipe: leaf values, then operations on earlier nodes. The same recipe is built
once with the student's class and once with torch tensors, and every node's gradient is
compared. Trees reuse only leaves; DAGs also reuse intermediate results, the case a recursive
backward gets wrong.

The student's graph is built and differentiated where the student's class is: in the
student's kernel. During grading the checks run in the examiner (course.examiner), so the
producers here (backward_gradients, backprop_gradients, vals, made) run there through the
bridge (course.checks.on_student_side) and return values only: gradients, values, and what
raised or recursed. The checks judge those against torch in the examiner. In a student's own
kernel they are plain calls.
"""

import collections
import contextlib
import os
import random
import sys
from dataclasses import dataclass

import torch

import course
from course import bridge
from course.checks import (
    CheckFailed,
    _isclose,
    _sentence,
    as_float,
    check,
    close,
    fail,
    forbidden,
    on_student_side,
)


@dataclass(frozen=True)
class Graph:
    """Leaves, then ops (symbol, i, j): node i <symbol> node j, indices over all earlier nodes."""

    leaves: tuple
    ops: tuple

    def build(self, make_leaf):
        """Every node of the graph, leaves first, made with make_leaf and its + and *."""
        nodes = [make_leaf(value) for value in self.leaves]
        for symbol, i, j in self.ops:
            nodes.append(nodes[i] + nodes[j] if symbol == "+" else nodes[i] * nodes[j])
        return nodes

    def torch_gradients(self):
        """d(last node)/d(node) for every node, by torch autograd (0 for a node it does not use)."""
        nodes = self.build(lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True))
        for node in nodes[len(self.leaves):]:
            node.retain_grad()
        nodes[-1].backward()
        return [0.0 if node.grad is None else node.grad.item() for node in nodes]

    def describe(self, k):
        if k < len(self.leaves):
            return f"leaf {k} (value {self.leaves[k]:g})"
        symbol, i, j = self.ops[k - len(self.leaves)]
        return f"node {k} (= node {i} {symbol} node {j})"

    def __str__(self):
        n = len(self.leaves)
        return f"a graph of {n} leaves and {len(self.ops)} operations"

    def __portable__(self):
        """How the student's kernel builds the same recipe (course.bridge): from its values."""
        return "course.graphs.Graph", (tuple(self.leaves), tuple(self.ops)), {}


def random_tree(seed, n_leaves=4, n_ops=10, symbols="+*"):
    """A random expression tree: leaves may be used many times, each result at most once."""
    rng = random.Random(seed)
    leaves = tuple(round(rng.uniform(-2, 2), 3) for _ in range(n_leaves))
    unused, ops = [], []
    for k in range(n_ops):
        operands = []
        for _ in range(2):
            if unused and rng.random() < 0.6:
                operands.append(unused.pop(rng.randrange(len(unused))))
            else:
                operands.append(rng.randrange(n_leaves))
        ops.append((rng.choice(symbols), *operands))
        unused.append(n_leaves + k)
    while len(unused) > 1:  # join what is left into one output
        ops.append((rng.choice(symbols), unused.pop(0), unused.pop(0)))
        unused.append(n_leaves + len(ops) - 1)
    return Graph(leaves, tuple(ops))


def random_dag(seed, n_leaves=3, n_ops=12):
    """A random graph in which intermediate results are reused, some several times."""
    rng = random.Random(seed)
    leaves = tuple(round(rng.uniform(-1.5, 1.5), 3) for _ in range(n_leaves))
    ops = []
    for k in range(n_ops):
        count = n_leaves + k
        i = count - 1 if k else rng.randrange(n_leaves)  # a chain through every op ...
        j = rng.randrange(max(0, count - 4), count)  # ... and a recent node, often reused
        ops.append((rng.choice("+*"), i, j))
    return Graph(leaves, tuple(ops))


def deep_chain(depth, x=0.5, c=0.999):
    """z <- z * c + x, depth operations long: deeper than Python lets a recursion go."""
    ops, last = [], 0
    for k in range(depth):
        symbol, other = ("*", 1) if k % 2 == 0 else ("+", 0)
        ops.append((symbol, last, other))
        last = 2 + k
    return Graph((x, c), tuple(ops))


@check
def check_gradients(graph, grads, name, *, reveal=True, hint=""):
    """Fail unless grads (each node's .grad, leaves first) equal torch's d(output)/d(node) for
    the same graph."""
    __tracebackhide__ = True
    expected = graph.torch_gradients()
    for k, (got, want) in enumerate(zip(grads, expected, strict=False)):
        # A float that is close passes here; anything else goes to the checks, for a message
        # (thousands of nodes in a deep chain: each check would verify the grader's own
        # functions again)
        if type(got) is float and _isclose(got, want, rel_tol=1e-7, abs_tol=1e-9):
            continue
        got = as_float(got, f"the .grad of {graph.describe(k)}")
        close(got, want, f"with {name} on {graph}, the .grad of {graph.describe(k)}",
              rtol=1e-7, atol=1e-9, reveal=reveal, hint=hint)
    if len(grads) != len(expected):
        fail(f"{name} built {len(grads)} nodes for {graph}, expected {len(expected)}")


@check
def check_backward(graph, make_leaf, name, *, reveal=True, hint=""):
    """Build graph with make_leaf (a Scalar class), run the output's recursive backward(), and
    compare every node's gradient with torch's."""
    __tracebackhide__ = True
    found = _produce(backward_gradients, (graph, make_leaf), name, hint)
    check_gradients(graph, _gradients(found, graph, name, hint), name, reveal=reveal, hint=hint)


@check
def check_backprop(graph, backprop, make_leaf, *, repeat=1, reveal=True, hint="",
                   recursion=True):
    """Build graph with make_leaf (the Node class), run backprop(output) repeat times, and
    compare every node's gradient with torch's. recursion=False also fails if any function
    of the notebook calls itself (directly or through others) while backprop runs."""
    __tracebackhide__ = True
    found = _produce(backprop_gradients, (graph, backprop, make_leaf, repeat, recursion),
                     "backprop", hint)
    if isinstance(found, dict) and "recursed" in found:
        fail(_recursion_message(str(found["recursed"]), hint))
    check_gradients(graph, _gradients(found, graph, "backprop", hint), "backprop",
                    reveal=reveal, hint=hint)


def backward_gradients(graph, make_leaf):
    """In the student's kernel: graph built with make_leaf (the student's Scalar class), the
    output's grad set to 1 and its backward() run. {"grads": every node's .grad}, or
    {"raised": [exception class, message], "in": "build" or "backward"}."""
    try:
        nodes = graph.build(make_leaf)
    except Exception as error:
        return {"raised": _raised(error), "in": "build"}
    try:
        nodes[-1].grad = 1.0
        nodes[-1].backward()
        return {"grads": [getattr(node, "grad", None) for node in nodes]}
    except Exception as error:
        return {"raised": _raised(error), "in": "backward"}


def backprop_gradients(graph, backprop, make_leaf, repeat=1, recursion=True):
    """In the student's kernel: graph built with make_leaf (the Node class), backprop(output)
    run repeat times (with recursion=False, inside _recursion_watch). {"grads": every node's
    .grad}, {"recursed": the function that called itself}, or {"raised": [exception class,
    message], "in": "build" or "backprop"}."""
    try:
        nodes = graph.build(make_leaf)
    except Exception as error:
        return {"raised": _raised(error), "in": "build"}
    try:
        for _ in range(repeat):
            if recursion:
                backprop(nodes[-1])
                continue
            with _recursion_watch() as recursive:
                backprop(nodes[-1])
            if recursive:
                return {"recursed": recursive[0]}
        return {"grads": [getattr(node, "grad", None) for node in nodes]}
    except Exception as error:
        return {"raised": _raised(error), "in": "backprop"}


def _raised(error):
    try:
        text = str(error)
    except Exception:
        text = "(its message could not be read)"
    return [type(error).__name__, text[:2000]]


def _produce(producer, args, name, hint):
    """producer(*args) where the student's code is (course.checks.on_student_side), or fail
    saying why it did not answer (the student's code raised, or did not return in time)."""
    __tracebackhide__ = True
    try:
        return on_student_side(producer)(*args)
    except CheckFailed:
        raise
    except bridge.BridgeError as error:
        fail(_sentence(f"{name} could not be run: {error}", hint))
    except bridge.StudentError as error:
        fail(_sentence(f"{name} raised {error}", hint))
    except Exception as error:
        fail(_sentence(f"{name} raised {type(error).__name__}: {error}", hint))


def _gradients(found, graph, name, hint):
    """The gradients in a producer's answer, or fail saying what raised, where."""
    __tracebackhide__ = True
    if isinstance(found, dict) and isinstance(found.get("grads"), list):
        return found["grads"]
    raised = found.get("raised") if isinstance(found, dict) else None
    if not isinstance(raised, list) or len(raised) != 2:
        fail(f"the gradients of {name} on {graph} could not be read")
    type_name, text = (str(part) for part in raised)
    where = found.get("in")
    who = "backprop" if where == "backprop" else name
    if type_name == "NotImplementedError":
        fail(f"{who} is not written yet: replace `raise NotImplementedError()` with your code")
    what = {"build": f"computing {graph} with {name}",
            "backward": f"the backward() of the output of {graph}, built with {name},",
            "backprop": f"backprop(the output of {graph})"}.get(where, name)
    fail(_sentence(f"{what} raised {type_name}: {text}" if text else f"{what} raised {type_name}",
                   hint))


def _recursion_message(function, hint):
    text = (f"backprop recursed: {function}() called itself (directly or through other "
            "functions) while backprop ran, and the question asks for no recursion")
    return f"{text}; {hint}" if hint else text


# Code under these folders is Python's and the libraries', not the notebook's.
_LIBRARY = tuple(sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix,
                                                        sys.exec_prefix)}
                        | {os.path.dirname(os.path.realpath(course.__file__))})) + ("<frozen",)


@contextlib.contextmanager
def _recursion_watch():
    """Yield a list that receives the name of the first notebook function found on the call
    stack twice while the block runs (a profiler sees every call and return). sys.setprofile,
    sys.settrace and sys.setrecursionlimit raise meanwhile, so the code cannot switch it off."""
    found, depth = [], collections.Counter()

    def profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if code.co_filename.startswith(_LIBRARY):
                return
            depth[code] += 1
            if depth[code] > 1 and not found:
                found.append(code.co_name)
        elif event == "return" and depth.get(frame.f_code):
            depth[frame.f_code] -= 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        with forbidden({"sys.setprofile": (sys, "setprofile"), "sys.settrace": (sys, "settrace"),
                        "sys.setrecursionlimit": (sys, "setrecursionlimit")},
                       "backprop must walk the graph without recursion"):
            yield found
    finally:
        sys.setprofile(previous)


@check
def values_of(items, name):
    """The .val of each item of a list (of Scalars) as a float64 tensor, or fail saying why."""
    __tracebackhide__ = True
    if not isinstance(items, (list, tuple)):
        kind = items.type_name if isinstance(items, bridge.Handle) else type(items).__name__
        fail(f"{name} should be a list of Scalars, but it is a {kind}")
    found = _produce(vals, (list(items),), name, "")
    if not isinstance(found, list) or len(found) != len(items):
        fail(f"the values of {name} could not be read")
    values = []
    for i, (has_val, value) in enumerate(found):
        if not has_val:
            fail(f"{name}[{i}] is a {value}, not a Scalar: compute with Scalar operations so "
                 "that the result remembers how it was made")
        values.append(as_float(value, f"{name}[{i}].val"))
    return torch.tensor(values, dtype=torch.float64)


def vals(items):
    """In the student's kernel: [True, item.val] for each item that has a val, else [False,
    the name of its type]."""
    return [[True, item.val] if hasattr(item, "val") else [False, type(item).__name__]
            for item in items]


@check
def scalars(make_leaf, values, name="your Scalar"):
    """[make_leaf(v) for v in values], made where the student's class make_leaf is: objects
    of the student's own class (in the examiner, handles), for a test to hand to the
    student's functions."""
    __tracebackhide__ = True
    made_here = _produce(made, (make_leaf, list(values)), name, "")
    if not isinstance(made_here, list) or len(made_here) != len(values):
        fail(f"{name} could not make {len(values)} numbers")
    return made_here


def made(make_leaf, values):
    """In the student's kernel: make_leaf(v) for each v."""
    return [make_leaf(value) for value in values]


class scalar_loss:
    """loss as a function of a tensor w: loss([make_leaf(w * x) for x in xs], [make_leaf(t)
    for t in targets]).val. Each prediction's val is a tensor that remembers w, so autograd
    differentiates whatever loss does with the vals.

    A test hands it to checks.gradients_match: in the examiner it crosses to the student's
    kernel by value (course.bridge), where loss and make_leaf (the student's Scalar) are.
    """

    def __init__(self, loss, make_leaf, xs, targets):
        self.loss, self.make_leaf = loss, make_leaf
        self.xs, self.targets = list(xs), list(targets)

    def __call__(self, w):
        predictions = [self.make_leaf(w * x) for x in self.xs]
        return self.loss(predictions, [self.make_leaf(t) for t in self.targets]).val

    def __portable__(self):
        return "course.graphs.scalar_loss", (self.loss, self.make_leaf, self.xs, self.targets), {}
