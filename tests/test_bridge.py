"""The bridge's format and the examiner's reading of a cell, without kernels (seconds).

What a hostile kernel can send is tried here piece by piece; tests/submissions/
01_gradient_descent/hostile/hostile_objects.py tries it through real kernels.
"""

import json
import math

import numpy
import pytest
import torch

from course import bridge, checks
from course.names import free_names


def round_trip(value):
    handles = []

    def handle(obj):
        handles.append(obj)
        return {"$handle": {"id": len(handles)}}

    text = json.dumps(bridge.encode(value, handle), allow_nan=False)
    return bridge.decode(json.loads(text), lambda tagged: ("handle", tagged["$handle"]["id"]))


def test_plain_values_cross_by_value():
    value = {"n": 3, "x": -0.25, "big": 1 << 70, "nan": math.nan, "s": "text", "none": None,
             "flags": (True, False), "nested": [[1, 2], {"k": [3.5]}], "dtype": torch.float64,
             "size": torch.Size([2, 3]), "array": numpy.arange(6.0).reshape(2, 3)}
    back = round_trip(value)
    assert back["n"] == 3 and back["big"] == 1 << 70 and math.isnan(back["nan"])
    assert back["flags"] == (True, False) and back["nested"] == [[1, 2], {"k": [3.5]}]
    assert back["dtype"] is torch.float64 and back["size"] == torch.Size([2, 3])
    assert (back["array"] == value["array"]).all() and back["array"].dtype == numpy.float64


def test_tensors_cross_with_what_autograd_knew_of_them():
    leaf = torch.tensor([1.0, 2.0], requires_grad=True)
    (leaf * leaf).sum().backward()
    made = leaf * 3
    back_leaf, back_made, scalar = round_trip([leaf, made, torch.tensor(2, dtype=torch.int64)])
    assert torch.equal(back_leaf.detach(), leaf.detach()) and back_leaf.requires_grad
    assert torch.equal(back_leaf.grad, torch.tensor([2.0, 4.0]))
    assert back_made.requires_grad and back_made._course_facts["grad_fn"] == "MulBackward0"
    assert back_made._course_facts["is_leaf"] is False
    assert back_leaf._course_facts["storage"] == leaf.untyped_storage().data_ptr()
    assert scalar.shape == () and scalar.item() == 2 and scalar.dtype == torch.int64


def test_tensors_with_any_strides_cross_by_value():
    """lstsq's (1, 1) solution has a stride of 100 on a size-1 dimension: contiguous() keeps
    it, and a byte view of it fails."""
    X = torch.linspace(-5, 5, 100)[:, None]
    odd = [torch.linalg.lstsq(X, 2 * X).solution, torch.randn(3, 4).T, torch.randn(7)[::3]]
    for tensor, back in zip(odd, round_trip(odd), strict=True):
        assert back.shape == tensor.shape and torch.equal(back, tensor)


def test_other_objects_become_handles():
    class Scalar:
        pass

    values = round_trip([Scalar(), len, torch.tensor([1.0]).as_subclass(
        type("Sub", (torch.Tensor,), {}))])
    assert values == [("handle", 1), ("handle", 2), ("handle", 3)]


@pytest.mark.parametrize("value, why", [
    (torch.zeros(bridge.MAX_BYTES // 4 + 1), "larger than"),
    ("x" * (bridge.MAX_TEXT + 1), "too long"),
    (list(range(bridge.MAX_ITEMS + 1)), "more than"),
])
def test_a_value_over_a_limit_is_refused_before_it_is_copied(value, why):
    with pytest.raises(bridge.BridgeError, match=why):
        bridge.encode(value, lambda obj: None)


def test_a_list_that_holds_itself_is_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(bridge.BridgeError, match="nested"):
        bridge.encode(loop, lambda obj: None)


@pytest.mark.parametrize("data", [
    {"$pickle": "gASV"},  # an unknown tag
    {"$tensor": {"dtype": "object", "shape": [1], "data": ""}},
    {"$tensor": {"dtype": "float32", "shape": [3], "data": "AAAAAA=="}},  # 4 bytes for 12
    {"$tensor": {"dtype": "float32", "shape": [-1], "data": ""}},
    {"$array": {"dtype": "|O", "shape": [1], "data": "AA=="}},
    {"$dict": [["k"]]},
    {"$tuple": "no"},
    {"a": 1, "b": 2},
    {"$portable": {"name": "os.system"}},
])
def test_the_examiner_refuses_what_the_format_does_not_allow(data):
    def resolve(tagged):
        (tag, body), = tagged.items()
        if tag != "$handle":
            raise bridge.BridgeError("not a value")
        return body

    with pytest.raises(bridge.BridgeError):
        bridge.decode(data, resolve)


def test_deep_nesting_is_refused():
    data = 1
    for _ in range(bridge.MAX_DEPTH + 2):
        data = [data]
    with pytest.raises(bridge.BridgeError, match="nested"):
        bridge.decode(data, None)


def test_portable_functions_are_named_and_nothing_else_is():
    assert bridge.portable(torch.sin) == {"name": "torch.sin"}
    assert bridge.portable(math.exp) == {"name": "math.exp"}
    assert bridge.portable(len) == {"name": "builtins.len"}
    bound = bridge.portable(checks.bind(torch.sin, 1.0))
    assert bound["name"] == "course.checks.bind" and bound["args"] == [torch.sin, 1.0]
    assert bridge.portable(lambda t: t) is None
    assert bridge.portable(open) is None and bridge.portable(eval) is None
    assert bridge._lookup("os.system") is None and bridge._lookup("builtins.eval") is None
    assert bridge._lookup("torch._C") is None  # nothing private either


def test_free_names_are_read_and_not_bound_in_the_cell():
    source = """
expected = checks.gradient_snapshots(lambda W: (W * 2).sum(), torch.ones(3), epochs=4)
checks.close(W.grad, expected[-1], "W.grad")
def reference(t, scale=factor):
    return t * A + hidden_helper
points = [p + q for p in range(3) for q in offsets]
import math as m
for i in range(2):
    total = i
"""
    assert free_names(source) == {"checks", "torch", "W", "factor", "A", "hidden_helper",
                                  "range", "offsets"}
    assert free_names("this is not python (") == set()
