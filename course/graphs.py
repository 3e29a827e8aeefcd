"""Computation graphs of + and * for testing hand-written reverse-mode autodiff against torch.

A Graph is a recipe: leaf values, then operations on earlier nodes. The same recipe is built
once with the student's class and once with torch tensors, and every node's gradient is
compared. Trees reuse only leaves; DAGs also reuse intermediate results, the case a recursive
backward gets wrong.
"""

import collections
import contextlib
import os
import random
import sys
from dataclasses import dataclass

import torch

import course
from course.checks import as_float, call, close, fail, forbidden


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


def check_gradients(graph, nodes, name, *, reveal=True, hint=""):
    """Fail unless each node's .grad equals torch's d(output)/d(node) for the same graph."""
    __tracebackhide__ = True
    expected = graph.torch_gradients()
    for k, (node, want) in enumerate(zip(nodes, expected, strict=False)):
        got = as_float(getattr(node, "grad", None), f"the .grad of {graph.describe(k)}")
        close(got, want, f"with {name} on {graph}, the .grad of {graph.describe(k)}",
              rtol=1e-7, atol=1e-9, reveal=reveal, hint=hint)
    if len(nodes) != len(expected):
        fail(f"{name} built {len(nodes)} nodes for {graph}, expected {len(expected)}")


def check_backward(graph, make_leaf, name, *, reveal=True, hint=""):
    """Build graph with make_leaf (a Scalar class), run the output's recursive backward(), and
    compare every node's gradient with torch's."""
    __tracebackhide__ = True
    nodes = call(graph.build, make_leaf, name=name)
    nodes[-1].grad = 1.0
    call(nodes[-1].backward, name=f"backward of {name}", hint=hint)
    check_gradients(graph, nodes, name, reveal=reveal, hint=hint)


def check_backprop(graph, backprop, make_leaf, *, repeat=1, reveal=True, hint="",
                   recursion=True):
    """Build graph with make_leaf (the Node class), run backprop(output) repeat times, and
    compare every node's gradient with torch's. recursion=False also fails if any function
    of the notebook calls itself (directly or through others) while backprop runs."""
    __tracebackhide__ = True
    nodes = graph.build(make_leaf)
    for _ in range(repeat):
        if recursion:
            call(backprop, nodes[-1], name="backprop", hint=hint)
            continue
        with _recursion_watch() as recursive:
            call(backprop, nodes[-1], name="backprop", hint=hint)
        if recursive:
            fail(_recursion_message(recursive[0], hint))
    check_gradients(graph, nodes, "backprop", reveal=reveal, hint=hint)


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


def values_of(items, name):
    """The .val of each item of a list (of Scalars) as a float64 tensor, or fail saying why."""
    __tracebackhide__ = True
    if not isinstance(items, (list, tuple)):
        fail(f"{name} should be a list of Scalars, but it is a {type(items).__name__}")
    values = []
    for i, item in enumerate(items):
        if not hasattr(item, "val"):
            fail(f"{name}[{i}] is a {type(item).__name__}, not a Scalar: compute with Scalar "
                 "operations so that the result remembers how it was made")
        values.append(as_float(item.val, f"{name}[{i}].val"))
    return torch.tensor(values, dtype=torch.float64)
