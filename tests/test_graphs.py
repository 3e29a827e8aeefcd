"""Unit tests of the random graphs and the gradient comparison used by assignment 03."""

import json
import sys
from collections import Counter

import pytest
import torch

from course import bridge, checks, graphs
from course.checks import CheckFailed


class Node:
    """A minimal node with a correct topological backprop, as the notebook's Node."""

    def __init__(self, val, inputs=()):
        self.val, self.grad, self.inputs = val, 0.0, tuple(inputs)
        self.local_backward = lambda: None

    def _op(self, other, val, local_grads):
        out = Node(val, (self, other))

        def local_backward():
            self.grad += local_grads[0] * out.grad
            other.grad += local_grads[1] * out.grad

        out.local_backward = local_backward
        return out

    def __add__(self, other):
        return self._op(other, self.val + other.val, (1.0, 1.0))

    def __mul__(self, other):
        return self._op(other, self.val * other.val, (other.val, self.val))


def backprop(y):
    order, seen, stack = [], set(), [(y, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack += [(node, True)] + [(i, False) for i in node.inputs if i not in seen]
    y.grad = 1.0
    for node in reversed(order):
        node.local_backward()


def uses(graph):
    """How often each interior node is an operand."""
    n = len(graph.leaves)
    return Counter(k for _, i, j in graph.ops for k in (i, j) if k >= n)


@pytest.mark.parametrize("seed", range(20))
def test_random_trees_reuse_no_interior_node(seed):
    tree = graphs.random_tree(seed)
    assert max(uses(tree).values()) == 1
    assert len(tree.torch_gradients()) == len(tree.leaves) + len(tree.ops)


@pytest.mark.parametrize("seed", range(20))
def test_random_dags_reuse_interior_nodes(seed):
    assert max(uses(graphs.random_dag(seed)).values()) >= 2


def test_deep_chain_is_as_deep_as_asked():
    chain = graphs.deep_chain(3000)
    assert len(chain.ops) == 3000
    # every op after the first reads the previous op's result: one path, 3000 deep
    assert all(i == len(chain.leaves) + k - 1 for k, (_, i, _) in enumerate(chain.ops) if k)


@pytest.mark.parametrize("graph", [graphs.random_dag(1), graphs.random_tree(2),
                                   graphs.deep_chain(2000)], ids=str)
def test_a_correct_backprop_passes(graph):
    graphs.check_backprop(graph, backprop, Node)


def test_double_counting_is_caught_and_located():
    def recursive_style(y):  # each use of a node passes its gradient on again
        y.grad = 1.0
        todo = [y]
        while todo:
            node = todo.pop()
            node.local_backward()
            todo.extend(node.inputs)

    shared = graphs.Graph(leaves=(3.0, 1.0, 2.0), ops=(("*", 0, 0), ("+", 3, 1), ("*", 2, 3),
                                                       ("+", 4, 5)))
    with pytest.raises(CheckFailed, match=r"leaf 0 \(value 3\)|node 3"):
        graphs.check_backprop(shared, recursive_style, Node)


def test_values_of_explains_a_plain_number():
    with pytest.raises(CheckFailed, match=r"forward\[1\] is a float, not a Scalar"):
        graphs.values_of([Node(1.0), 2.0], "forward")


def _recursive_backprop(y):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for inp in node.inputs:
                visit(inp)
            order.append(node)

    visit(y)
    for node in order:
        node.grad = 0.0
    y.grad = 1.0
    for node in reversed(order):
        node.local_backward()


def test_recursion_is_caught_whatever_the_recursion_limit():
    """A recursive backprop with a raised limit gets the gradients right, and still fails."""
    node_class = Node
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        graphs.check_backprop(graphs.deep_chain(3000), _recursive_backprop, node_class)
        with pytest.raises(CheckFailed, match="visit\\(\\) called itself"):
            graphs.check_backprop(graphs.deep_chain(50), _recursive_backprop, node_class,
                                  recursion=False)
    finally:
        sys.setrecursionlimit(saved)
    assert sys.getprofile() is None


class Scalar:
    """A minimal recursive Scalar, as the notebook's solution."""

    def __init__(self, val):
        self.val, self.grad = val, 0.0
        self.backward = lambda: None

    def _op(self, other, val, local_grads):
        result = Scalar(val)

        def backward():
            self.grad += local_grads[0] * result.grad
            other.grad += local_grads[1] * result.grad
            self.backward()
            other.backward()

        result.backward = backward
        return result

    def __add__(self, other):
        return self._op(other, self.val + other.val, (1.0, 1.0))

    def __mul__(self, other):
        return self._op(other, self.val * other.val, (other.val, self.val))


class Unwritten(Scalar):
    def __add__(self, other):
        raise NotImplementedError()


class BrokenBackward(Scalar):
    def __mul__(self, other):
        result = Scalar(self.val * other.val)
        result.backward = lambda: None + 1
        return result


def test_check_backward_passes_a_right_scalar_and_says_what_raised(student):
    graphs.check_backward(graphs.random_tree(3), student(Scalar), "your Scalar")
    with pytest.raises(CheckFailed, match=r"^your Scalar is not written yet"):
        graphs.check_backward(graphs.random_tree(3, symbols="+"), student(Unwritten),
                              "your Scalar")
    product = graphs.Graph(leaves=(2.0, 3.0), ops=(("*", 0, 1),))
    with pytest.raises(CheckFailed, match=r"the backward\(\) of the output of a graph of 2 "
                                          r"leaves and 1 operations, built with your Scalar, "
                                          r"raised TypeError: .*: a hint"):
        graphs.check_backward(product, student(BrokenBackward), "your Scalar", hint="a hint")


def test_check_backprop_judges_gradients_and_says_what_raised(student):
    def unwritten(y):
        raise NotImplementedError()

    def broken(y):
        raise KeyError("inputs")

    graphs.check_backprop(graphs.random_dag(3), student(backprop), student(Node))
    with pytest.raises(CheckFailed, match=r"^backprop is not written yet"):
        graphs.check_backprop(graphs.random_dag(1), student(unwritten), student(Node))
    with pytest.raises(CheckFailed, match=r"backprop\(the output of a graph of 3 leaves and 12 "
                                          r"operations\) raised KeyError: 'inputs'"):
        graphs.check_backprop(graphs.random_dag(1), student(broken), student(Node))


def test_the_recursion_watch_runs_around_the_students_backprop(student):
    """Where the student's code runs: in the examiner, the watch goes with the producer."""
    graphs.check_backprop(graphs.deep_chain(6000), student(backprop), student(Node),
                          recursion=False)
    with pytest.raises(CheckFailed, match=r"visit\(\) called itself"):
        graphs.check_backprop(graphs.deep_chain(50), student(_recursive_backprop),
                              student(Node), recursion=False)
    assert sys.getprofile() is None


def test_a_graph_crosses_the_bridge_as_its_recipe():
    """In the examiner a Graph goes to the student's kernel by value: its leaves and ops."""

    def stand_in(obj):
        found = bridge.portable(obj)
        found["args"] = [bridge.encode(a, stand_in) for a in found["args"]]
        return {"$portable": found}

    for graph in (graphs.random_dag(4), graphs.deep_chain(6000)):
        data = json.loads(json.dumps(bridge.encode(graph, stand_in)))
        assert bridge.decode(data, bridge._resolve_here) == graph


def test_scalars_and_values_of(student):
    made = graphs.scalars(student(Scalar), [1.0, -2.5])
    assert len(made) == 2
    assert graphs.values_of(made, "made").tolist() == [1.0, -2.5]
    with pytest.raises(CheckFailed, match=r"forward\[1\] is a float, not a Scalar"):
        graphs.values_of([made[0], 2.0], "forward")
    with pytest.raises(CheckFailed, match="forward should be a list of Scalars, but it is a "
                                          "Scalar"):
        graphs.values_of(made[0], "forward")


def test_scalar_loss_differentiates_through_the_students_loss(student):
    def mse(predictions, targets):
        total = Scalar(0.0)
        for p, t in zip(predictions, targets, strict=True):
            e = p + Scalar(-1.0) * t
            total = total + e * e
        return total * Scalar(1.0 / len(targets))

    def summed(predictions, targets):
        return mse(predictions, targets) * Scalar(float(len(targets)))

    xs, ts = [1.0, 2.0, -1.0], [2.0, 3.5, -2.5]

    def reference(w):
        return torch.nn.functional.mse_loss(w * torch.tensor(xs), torch.tensor(ts))

    checks.gradients_match(graphs.scalar_loss(student(mse), student(Scalar), xs, ts), reference,
                           [torch.tensor(0.7)], ["loss", "w"])
    with pytest.raises(CheckFailed, match=r"its gradient in w is -14.6, expected -4.86667"):
        checks.gradients_match(graphs.scalar_loss(student(summed), student(Scalar), xs, ts),
                               reference, [torch.tensor(0.7)], ["loss", "w"])
