"""What crosses between a student's kernel and the examiner: values and names, never code.

During grading a notebook's test cells run in the examiner (course.examiner), a process that
never runs a line of the submission. When a test cell reads a student's name, the examiner
asks the student's kernel for it over this bridge:

- plain values come back by value: None, bools, numbers, strings, tensors (with their dtype,
  shape, requires_grad, grad and whether they are leaves), NumPy arrays, and lists, tuples
  and dicts of these, within a size and a depth limit; the format is JSON with tagged
  objects, read by json.loads and rebuilt by `decode` from what the tags allow, never by
  pickle, marshal or eval;
- anything else (a function, a class, a Scalar, a Figure) comes back as a handle, a number
  that names the object in the student's kernel. The examiner's Handle forwards calls,
  attribute reads and writes, operators, len, iteration and truth value to it, and gets
  values or handles back;
- what the examiner sends are values, handles the student's kernel gave it, and *portable*
  functions: a dotted name in torch, math, numpy, operator or the course's runtime (and the
  values to build it with), which the student's kernel imports itself. Nothing of the
  examiner is handed over by reference.

`serve` is the student's side: `serve_session` runs it in the student's kernel for each
request of a test cell, read from a connection to the examiner that one execute request
(jupyter_client's public API) opens for the cell. The student's kernel is the student's: code
there may replace `serve` or lie in its replies. It can only ever answer with values, which
the examiner checks against its own.
"""

import base64
import builtins
import contextlib
import importlib
import json
import math
import operator

import numpy
import torch

MAX_BYTES = 64 << 20  # a reply, all its values together
MAX_DEPTH = 24  # lists in lists in ...
MAX_ITEMS = 100_000  # elements of all lists, tuples and dicts in one reply
MAX_TEXT = 100_000  # characters of one string
MAX_ITER = 10_000  # items of an iteration over a handle
# JSON values in one reply, as the examiner counts them before it parses one (course.examiner):
# an honest reply holds at most MAX_ITEMS items, each at most a tensor with its grad (70)
MAX_PARTS = 100 * MAX_ITEMS

DTYPES = {str(d).removeprefix("torch."): d for d in (
    torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.complex64,
    torch.complex128, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
    torch.bool)}
NUMPY_KINDS = "biufc"
# Where a portable function may come from: modules of the standard library, torch and NumPy
# that compute, and the course's runtime. Not os, subprocess, io, ...
PORTABLE_ROOTS = ("torch", "math", "numpy", "operator", "course")
SAFE_BUILTINS = ("len", "repr", "str", "bool", "getattr", "setattr", "hasattr", "callable",
                 "isinstance", "float", "int", "list", "abs", "iter", "next")


class BridgeError(Exception):
    """A reply that breaks the format or its limits, or a kernel that did not answer."""


class StudentError(Exception):
    """The student's code raised: type is the exception's class name, text its message."""

    def __init__(self, type_name, text):
        super().__init__(f"{type_name}: {text}" if text else type_name)
        self.type_name, self.text = type_name, text


# --- the format -------------------------------------------------------------------------------


class _Budget:
    def __init__(self):
        self.bytes = self.items = 0

    def spend(self, size=0, items=0):
        self.bytes += size
        self.items += items
        if self.bytes > MAX_BYTES:
            raise BridgeError(f"the value is larger than {MAX_BYTES >> 20} MiB")
        if self.items > MAX_ITEMS:
            raise BridgeError(f"the value holds more than {MAX_ITEMS} items")


def encode(value, handle, budget=None, depth=0):
    """value as JSON-ready data; handle(obj) gives the data that stands for anything else."""
    budget = budget or _Budget()
    if depth > MAX_DEPTH:
        raise BridgeError(f"the value is nested more than {MAX_DEPTH} deep")
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind is int:
        if abs(value) >= 1 << 63:
            if value.bit_length() > 13000:  # about 4000 digits: no test needs more
                raise BridgeError("an integer of more than 4000 digits")
            return {"$int": str(value)}
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is str:
        budget.spend(len(value))
        if len(value) > MAX_TEXT:
            raise BridgeError(f"a string of {len(value)} characters is too long")
        return value
    if kind in (torch.Tensor, torch.nn.Parameter):
        return _encode_tensor(value, handle, budget, depth)
    if kind is numpy.ndarray and value.dtype.kind in NUMPY_KINDS:
        budget.spend(value.nbytes * 4 // 3)  # before any copy is made
        data = numpy.ascontiguousarray(value).tobytes()
        return {"$array": {"dtype": value.dtype.str, "shape": list(value.shape),
                           "data": base64.b64encode(data).decode()}}
    if isinstance(value, numpy.generic) and value.dtype.kind in NUMPY_KINDS:
        return encode(value.item(), handle, budget, depth)
    if kind is torch.dtype:
        return {"$dtype": str(value).removeprefix("torch.")}
    if kind is torch.Size:
        return {"$size": [int(n) for n in value]}
    if kind in (list, tuple):
        budget.spend(items=len(value))
        items = [encode(v, handle, budget, depth + 1) for v in value]
        return items if kind is list else {"$tuple": items}
    if kind is dict and all(type(k) is str for k in value):
        budget.spend(items=len(value))
        return {"$dict": [[k, encode(v, handle, budget, depth + 1)] for k, v in value.items()]}
    return handle(value)


def _encode_tensor(tensor, handle, budget, depth):
    plain = tensor.detach()
    if plain.layout != torch.strided or plain.device.type != "cpu" or plain.is_quantized:
        return handle(tensor)
    budget.spend(plain.numel() * plain.element_size() * 4 // 3)  # before any copy is made
    # A copy in row-major order: contiguous() keeps odd strides of size-1 dimensions (e.g.
    # lstsq's (1, 1) solution), which a byte view refuses.
    flat = plain.clone(memory_format=torch.contiguous_format).reshape(-1)
    data = flat.view(torch.uint8).numpy().tobytes() if plain.numel() else b""
    grad = tensor.grad if tensor.is_leaf else None
    return {"$tensor": {
        "dtype": str(plain.dtype).removeprefix("torch."), "shape": list(plain.shape),
        "data": base64.b64encode(data).decode(), "requires_grad": bool(tensor.requires_grad),
        "is_leaf": bool(tensor.is_leaf),
        "grad_fn": None if tensor.grad_fn is None else type(tensor.grad_fn).__name__,
        "storage": int(plain.untyped_storage().data_ptr()),
        "grad": None if grad is None else _encode_tensor(grad, handle, budget, depth + 1),
        "parameter": type(tensor) is torch.nn.Parameter}}


def decode(data, resolve, depth=0):
    """The value that encode turned into data; resolve(tagged) rebuilds a handle's or a
    portable function's tag, and anything this format does not know is refused."""
    if depth > MAX_DEPTH:
        raise BridgeError(f"the value is nested more than {MAX_DEPTH} deep")
    kind = type(data)
    if data is None or kind in (bool, int, float, str):
        return data
    if kind is list:
        return [decode(v, resolve, depth + 1) for v in data]
    if kind is not dict or len(data) != 1:
        raise BridgeError("the reply is not in the bridge's format")
    (tag, body), = data.items()
    if tag == "$tuple" and type(body) is list:
        return tuple(decode(v, resolve, depth + 1) for v in body)
    if tag == "$dict" and type(body) is list:
        return {_text(k): decode(v, resolve, depth + 1) for k, v in (_pair(p) for p in body)}
    if tag == "$int" and type(body) is str and body.lstrip("-").isdigit():
        return int(body)
    if tag == "$float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$dtype" and body in DTYPES:
        return DTYPES[body]
    if tag == "$size" and type(body) is list and all(type(n) is int for n in body):
        return torch.Size(body)
    if tag == "$tensor" and type(body) is dict:
        return _decode_tensor(body, resolve, depth)
    if tag == "$array" and type(body) is dict:
        dtype = numpy.dtype(_text(body.get("dtype")))
        if dtype.kind not in NUMPY_KINDS or dtype.hasobject:
            raise BridgeError(f"an array of {dtype} cannot cross the bridge")
        raw = base64.b64decode(_text(body.get("data")), validate=True)
        return numpy.frombuffer(raw, dtype=dtype).reshape(_shape(body, len(raw), dtype.itemsize))
    if tag in ("$handle", "$portable"):
        return resolve(data)
    raise BridgeError(f"the reply holds an unknown tag {tag[:40]!r}")


def _decode_tensor(body, resolve, depth):
    dtype = DTYPES.get(body.get("dtype"))
    if dtype is None:
        raise BridgeError("a tensor of an unknown dtype")
    raw = base64.b64decode(_text(body.get("data")), validate=True)
    size = torch.empty((), dtype=dtype).element_size()
    shape = _shape(body, len(raw), size)
    flat = torch.frombuffer(bytearray(raw), dtype=dtype) if raw else torch.empty(0, dtype=dtype)
    tensor = flat.reshape(shape).clone()
    if body.get("parameter") is True:
        tensor = torch.nn.Parameter(tensor, requires_grad=body.get("requires_grad") is True)
    elif body.get("requires_grad") is True and (dtype.is_floating_point or dtype.is_complex):
        tensor.requires_grad_(True)
    grad = body.get("grad")
    if grad is not None and tensor.requires_grad:
        value = decode(grad, resolve, depth + 1)
        if type(value) is torch.Tensor and value.shape == tensor.shape:
            tensor.grad = value.detach()
    # What autograd knew of it in the student's kernel, for checks.facts: a copy made here
    # is a leaf of nothing, with storage of its own.
    tensor._course_facts = {"is_leaf": body.get("is_leaf") is not False,
                            "grad_fn": _text(body.get("grad_fn") or "")[:200] or None,
                            "storage": body.get("storage") if type(body.get("storage")) is int
                            else None}
    return tensor


def _shape(body, nbytes, itemsize):
    shape = body.get("shape")
    if (type(shape) is not list or len(shape) > 32
            or not all(type(n) is int and 0 <= n < 1 << 40 for n in shape)):
        raise BridgeError("a tensor with a broken shape")
    if math.prod(shape) * itemsize != nbytes:
        raise BridgeError("a tensor whose data does not fit its shape")
    return shape


def _text(value):
    if type(value) is not str:
        raise BridgeError("the reply is not in the bridge's format")
    return value


def _pair(item):
    if type(item) is not list or len(item) != 2:
        raise BridgeError("the reply is not in the bridge's format")
    return item


# --- portable functions: named, so each side imports its own --------------------------------


def portable_name(fn):
    """The dotted name under which the student's kernel can import fn itself, or None."""
    spec = getattr(type(fn), "__portable__", None)
    if spec is not None and not isinstance(fn, type):
        return None  # an instance that says how it is built: see portable()
    module = getattr(fn, "__module__", None) or ""
    # torch.sin's __qualname__ is _VariableFunctionsClass.sin: its __name__ is what names it
    names = dict.fromkeys(n for n in (getattr(fn, "__qualname__", None),
                                      getattr(fn, "__name__", None)) if type(n) is str)
    for candidate in _homes(fn, module):
        for name in names:
            if _lookup(f"{candidate}.{name}") is fn:
                return f"{candidate}.{name}"
    return None


def _homes(fn, module):
    if module.split(".")[0] in PORTABLE_ROOTS:
        yield module
    if isinstance(fn, type) or callable(fn):
        yield from ("torch", "torch.nn.functional", "torch.special", "torch.linalg", "math",
                    "numpy", "operator", "builtins")


def _lookup(dotted):
    """What a dotted name in a module the bridge may name (PORTABLE_ROOTS) refers to, or None."""
    module_name, _, attribute = dotted.rpartition(".")
    if module_name == "builtins":
        return getattr(builtins, attribute) if attribute in SAFE_BUILTINS else None
    if attribute.startswith("_") or module_name.split(".")[0] not in PORTABLE_ROOTS:
        return None
    owner = _resolve_dotted(module_name)
    return None if owner is None else getattr(owner, attribute, None)


def _resolve_dotted(path):
    """A module, or a class in one, by its dotted path: the longest importable prefix, then
    attributes."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for part in parts[end:]:
            owner = getattr(owner, part, None)
        return owner
    return None


def portable(fn):
    """fn as portable data, or None: a named function, or a runtime object that says how it
    is built (a `__portable__()` method giving a dotted name and the values to call it with)."""
    spec = getattr(type(fn), "__portable__", None)
    if spec is not None and not isinstance(fn, type):
        name, args, kwargs = fn.__portable__()
        return {"name": name, "args": list(args), "kwargs": dict(kwargs)}
    name = portable_name(fn)
    return None if name is None else {"name": name}


def build_portable(body, resolve):
    """In the student's kernel: the function a portable tag names."""
    name = _text(body.get("name"))
    found = _lookup(name)
    if found is None:
        raise BridgeError(f"{name[:80]} is not a function the bridge may name")
    if "args" in body:
        args = decode({"$tuple": body.get("args", [])}, resolve)
        kwargs = decode({"$dict": [[k, v] for k, v in body.get("kwargs", {}).items()]}, resolve)
        return found(*args, **kwargs)
    return found


# --- the student's side ----------------------------------------------------------------------

_handles = {}  # id -> object, in the student's kernel


class _Reply:
    """What serve returns: its repr is the reply's JSON text, which the kernel sends as the
    user expression's text/plain."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def serve(request_text):
    """Answer one request of the examiner, in the student's kernel."""
    try:
        request = json.loads(request_text)
        reply = _answer(request)
    except _Failed as failed:
        reply = {"failed": str(failed.args[0])[:MAX_TEXT]}
    except BridgeError as error:
        reply = {"bridge": str(error)}
    except BaseException as error:  # the student's code raised: its class name and message
        reply = {"raised": _exception_text(error)}
    try:
        text = json.dumps(reply, allow_nan=False)
    except (TypeError, ValueError) as error:
        text = json.dumps({"bridge": f"the reply could not be written: {error}"})
    return _Reply(text)


def serve_session(address):
    """Serve the examiner's requests of one test cell, in the student's kernel: connect to
    address ({"unix": path} or {"tcp": [host, port]}), then answer each line "N request" with
    "N reply" until the examiner closes the connection. An interrupt (a call that did not
    return in time) ends that call, whose reply says so (serve), and the session."""
    import socket

    if "unix" in address:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(address["unix"])
    else:
        connection = socket.create_connection(tuple(address["tcp"]))
    reader = connection.makefile("rb")
    try:
        while True:
            number = None
            try:
                line = reader.readline()
                if not line:
                    break
                number, _, request = line.partition(b" ")
                text = serve(request.decode()).text
            except KeyboardInterrupt:  # between two requests: the examiner ends the session
                break
            connection.sendall(number + b" " + text.encode() + b"\n")
    except OSError:
        pass  # the examiner closed the connection first
    finally:
        reader.close()
        connection.close()
    return _Reply('"ended"')


class _Failed(Exception):
    """A guard (course.checks) failed around the student's call: its message, for the test."""


def _exception_text(error):
    try:
        text = str(error)
    except BaseException:
        text = "(its message could not be read)"
    return [type(error).__name__[:200], text[:2000]]


def _register(obj):
    key = len(_handles) + 1
    _handles[key] = obj
    kind = type(obj)
    return {"$handle": {"id": key, "type": f"{kind.__module__}.{kind.__qualname__}"[:200],
                        "callable": callable(obj), "class": isinstance(obj, type)}}


def _resolve_here(tagged):
    (tag, body), = tagged.items()
    if type(body) is not dict:
        raise BridgeError("the request is not in the bridge's format")
    if tag == "$handle":
        try:
            return _handles[body.get("id")]
        except (KeyError, TypeError):
            raise BridgeError("a handle this kernel never gave") from None
    return build_portable(body, _resolve_here)


def _answer(request):
    op = request.get("op")
    if op == "names":
        from IPython import get_ipython

        user_ns = get_ipython().user_ns
        found = {}
        for name in request.get("names", []):
            if name in user_ns:
                found[name] = _encode_or_refuse(user_ns[name])
        return {"names": found}
    if op == "call":
        target = decode(request["fn"], _resolve_here)
        args = decode({"$tuple": request.get("args", [])}, _resolve_here)
        kwargs = decode({"$dict": [[k, v] for k, v in request.get("kwargs", {}).items()]},
                        _resolve_here)
        with _guarded(request.get("guards", [])):
            result = target(*args, **kwargs)
            if request.get("iterate"):
                result = _listed(result)
        return {"value": _encode_or_refuse(result)}
    raise BridgeError(f"unknown request {str(op)[:40]}")


def _encode_or_refuse(value):
    """value by value, or, when it is too large or too deep to copy, as a handle that says so."""
    try:
        return encode(value, _register)
    except BridgeError as error:
        handle = _register(value)
        handle["$handle"]["why"] = f"not copied: {error}"
        return handle


def _listed(iterable):
    items = []
    for item in iterable:
        items.append(item)
        if len(items) > MAX_ITER:
            raise BridgeError(f"the iteration gave more than {MAX_ITER} items")
    return items


@contextlib.contextmanager
def _guarded(guards):
    """Run the student's call inside the checks' own guards (course.checks), by name."""
    from course import checks

    try:
        with contextlib.ExitStack() as stack:
            for guard in guards:
                stack.enter_context(_guard(checks, guard[0], guard[1]))
            yield
    except checks.CheckFailed as failed:
        raise _Failed(str(failed)) from None


def _guard(checks, name, args):
    if name == "autograd_forbidden":
        return checks.autograd_forbidden(_text(args[0]))
    if name == "autograd_required":
        return checks.autograd_required(_text(args[0]))
    if name == "forbidden":
        targets = {_text(label): _owner_and_name(where) for label, where in args[0]}
        return checks.forbidden(targets, _text(args[1]))
    if name == "backward_budget":
        return checks.backward_budget(_text(args[0]), int(args[1]))
    raise BridgeError(f"unknown guard {str(name)[:40]}")


def _owner_and_name(where):
    owner_name, attribute = _text(where[0]), _text(where[1])
    owner = _resolve_dotted(owner_name) if owner_name.split(".")[0] in PORTABLE_ROOTS else None
    if owner is None:
        raise BridgeError(f"{owner_name[:80]} is not a module the bridge may name")
    return owner, attribute


# --- the examiner's side ---------------------------------------------------------------------

GUARDS = []  # guards (course.checks) that the examiner's calls of student code run inside


class Handle:
    """The examiner's stand-in for an object in the student's kernel (see the module doc).

    Calls, attribute reads and writes, operators, len, iteration and truth value are carried
    out there and give values or handles back; repr and hashing stay here, so that writing a
    message about a handle never runs the student's code.
    """

    __slots__ = ("_bridge_kernel", "_bridge_id", "_bridge_info")

    def __init__(self, kernel, key, info):
        object.__setattr__(self, "_bridge_kernel", kernel)
        object.__setattr__(self, "_bridge_id", key)
        object.__setattr__(self, "_bridge_info", info)

    def _bridge(self, fn, *args, iterate=False, **kwargs):
        return self._bridge_kernel.call(fn, args, kwargs, iterate=iterate)

    def __call__(self, *args, **kwargs):
        return self._bridge_kernel.call(self, args, kwargs)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy, pickle, numpy and IPython probe for these
        try:
            return self._bridge(getattr, self, name)
        except StudentError as error:
            if error.type_name == "AttributeError":
                raise AttributeError(error.text) from None
            raise

    def __setattr__(self, name, value):
        self._bridge(setattr, self, name, value)

    def __repr__(self):
        why = self._bridge_info.get("why")
        return f"<{self.type_name} in your kernel{': ' + why if why else ''}>"

    __str__ = __repr__

    @property
    def type_name(self):
        return str(self._bridge_info.get("type", "object")).rpartition(".")[2] or "object"

    def __hash__(self):
        return hash((id(self._bridge_kernel), self._bridge_id))

    def __len__(self):
        n = self._bridge(len, self)
        if type(n) is not int or n < 0:
            raise TypeError("len() of the student's object did not give a count")
        return n

    def __bool__(self):
        truth = self._bridge(bool, self)
        if type(truth) is not bool:
            raise TypeError("the truth value of the student's object is not a bool")
        return truth

    def __iter__(self):
        items = self._bridge(iter, self, iterate=True)
        return iter(items if type(items) is list else ())

    def __float__(self):
        value = self._bridge(float, self)
        if type(value) is not float:
            raise TypeError("float() of the student's object is not a float")
        return value

    def __contains__(self, item):
        return self._bridge(operator.contains, self, item) is True


def _forward(op, reflected=False):
    if reflected:
        def method(self, other):
            return self._bridge(op, other, self)
    else:
        def method(self, *others):
            return self._bridge(op, self, *others)
    method.__name__ = f"__{op.__name__.strip('_')}__"
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul"):
    setattr(Handle, f"__{_name}__", _forward(getattr(operator, _name)))
    setattr(Handle, f"__r{_name}__", _forward(getattr(operator, _name), reflected=True))
for _name in ("eq", "ne", "lt", "le", "gt", "ge", "getitem", "setitem", "delitem", "neg",
              "pos", "abs"):
    setattr(Handle, f"__{_name}__", _forward(getattr(operator, _name)))
del _name
