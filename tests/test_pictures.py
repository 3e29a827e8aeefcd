"""The pictures of computation graphs: the nodes and edges drawn for graphs we know."""

import torch

from course import pictures


def test_chain_of_assignment_04_has_its_four_nodes_and_three_edges():
    x = torch.rand(4, requires_grad=True)
    y = x * 5
    w = y ** 2
    z = w.mean()
    y.retain_grad()
    z.backward()
    picture = pictures.graph_of(z, names={"x": x, "y": y, "w": w, "z": z})
    assert sorted(picture.names().values()) == ["w = Pow 2", "x", "y = Mul", "z = Mean"]
    assert picture.named_edges() == [("w = Pow 2", "z = Mean"), ("x", "y = Mul"),
                                     ("y = Mul", "w = Pow 2")]
    labels = {lines[0]: lines for lines in picture.labels.values()}
    assert any(line.startswith("grad") for line in labels["x"])  # a leaf after backward
    assert any(line.startswith("grad") for line in labels["y = Mul"])  # retain_grad
    assert not any(line.startswith("grad") for line in labels["w = Pow 2"])
    assert sorted(picture.kinds.values()) == ["leaf", "op", "op", "output"]


def test_the_same_operation_on_different_parts_is_told_apart():
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    y = torch.stack([x[0] * x[1], x[2] ** 3])
    names = sorted(pictures.graph_of(y, names={"x": x}).names().values())
    assert names == ["Mul", "Pow 3", "Select [0]", "Select [1]", "Select [2]", "Stack", "x"]


def test_a_node_used_twice_has_two_edges_out():
    x = torch.tensor(3.0, requires_grad=True)
    z = x * x
    y = (z + 1) + 2 * z
    picture = pictures.graph_of(y, names={"x": x, "z": z, "y": y})
    edges = picture.named_edges()
    assert edges.count(("x", "z = Mul")) == 2  # x * x: both operands
    assert sum(1 for a, _ in edges if a == "z = Mul") == 2  # two paths into y


class Node:
    def __init__(self, val, inputs=()):
        self.val, self.grad, self.inputs = val, 0.0, tuple(inputs)

    def __mul__(self, other):
        return Node(self.val * other.val, (self, other))


def test_nodes_of_assignment_03_are_drawn_from_their_inputs():
    a, b = Node(2.0), Node(5.0)
    c = a * b
    picture = pictures.graph_of(c, names={"a": a, "b": b, "c": c})
    assert picture.named_edges() == [("a", "c"), ("b", "c")]
    assert picture.labels[id(c)] == ["c", "value 10", "grad 0"]


def test_the_image_is_a_png():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    image = pictures.GraphImage(pictures.graph_of((x * x).sum(), names={"x": x}))
    assert image._repr_png_().startswith(b"\x89PNG")
    assert "2 nodes" in repr(image) or "3 nodes" in repr(image)
