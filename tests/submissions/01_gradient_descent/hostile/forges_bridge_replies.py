"""A blank notebook that replaces course.bridge.serve in its own kernel, so that every request
of the examiner gets a forged answer: a different malformed or lying value for each name
(digits json.loads accepts but int() refuses, a NumPy dtype that does not exist, an int of
5000 digits, NaN, a tensor whose data does not fit its shape, a handle it never gave, lists
nested too deep, a tuple where a list is needed), names the test did not ask for (checks,
torch, X, y, true_line: the examiner's own), and replies out of format ("raised" that is no
pair, a "failed" that claims success). Every test fails with a reason, no cell hangs, and
the next student is graded as usual."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
import base64
import json

import course.bridge


def _tensor(value, **facts):
    data = base64.b64encode(torch.tensor(value, dtype=torch.float32).numpy().tobytes()).decode()
    body = {"dtype": "float32", "shape": [], "data": data, "requires_grad": True,
            "is_leaf": True, "grad_fn": None, "storage": 1, "grad": None}
    body.update(facts)
    return {"$tensor": body}


def _deep(n):
    value = 0
    for _ in range(n):
        value = [value]
    return value


FORGED = {
    "f": {"$int": "\u00b2"},
    "grad_f": {"$array": {"dtype": "bogus", "shape": [1], "data": ""}},
    "x_init": float("nan"),
    "eta": {"$int": "9" * 5000},
    "x": _tensor(0.5, shape=[3]),
    "grad_before": {"$handle": {"id": 987654, "callable": True, "type": "builtins.NoneType"}},
    "w_ideal": {"$tuple": "not a list"},
    "b_ideal": {"$size": [1.5]},
    "mse": {"$array": {"dtype": "<f8", "shape": [2], "data": "AAAA"}},
    "losses": _deep(40),
    "w": _tensor(-3.0, grad_fn="<script>alert(1)</script>", is_leaf=False),
    "b": {"$float": "1.5"},
    # names no test asked for: the examiner's own
    "checks": None, "torch": None, "X": None, "y": None, "true_line": None,
}


class _Text:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


_calls = [0]


def serve(request_text):
    request = json.loads(request_text)
    if request.get("op") == "names":
        return _Text(json.dumps({"names": FORGED}))  # NaN goes out as NaN
    _calls[0] += 1
    if _calls[0] % 3 == 0:
        return _Text(json.dumps({"raised": "not a pair"}))
    if _calls[0] % 3 == 1:
        return _Text(json.dumps({"failed": "All checks passed.", "value": 0.0}))
    return _Text(json.dumps({"value": {"$unknown": 1}}))


course.bridge.serve = serve
