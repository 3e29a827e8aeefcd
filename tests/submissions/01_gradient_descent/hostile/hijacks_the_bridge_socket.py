"""A full solution whose f cell leaves a thread in its kernel that connects to the examiner's
bridge socket (b<random> in its kernel folder, found by listing it) again and again, before
serve_session does, and answers every request on its connections with 42. The examiner accepts the first
connection it finds, so the thread answers for the student's kernel: it can only ever lie
about the student's own names, like a replaced serve (forges_bridge_replies), and the real
serve_session, whose connection waits unaccepted, keeps the kernel busy. What must happen:
the tests fail with a reason, grading stays within the notebook's limits, and the students
graded with it keep their scores."""

LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f +
import json as _json
import os as _os
import socket as _socket
import threading as _threading
import time as _time

_FOLDER = _os.path.join(_os.getcwd(), "..", "kernel")


def _answer(connection):
    with connection, connection.makefile("rb") as lines:
        for line in lines:
            number, _, request = line.partition(b" ")
            names = _json.loads(request).get("names")
            reply = {"names": {n: 42.0 for n in names}} if names else {"value": 42.0}
            connection.sendall(number + b" " + _json.dumps(reply).encode() + b"\n")


def _hijack():
    while True:
        for name in _os.listdir(_FOLDER):
            if not name.startswith("b"):
                continue
            try:
                connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
                connection.connect(_os.path.join(_FOLDER, name))
            except OSError:
                continue
            _threading.Thread(target=_answer, args=(connection,), daemon=True).start()
        _time.sleep(0.01)


_threading.Thread(target=_hijack, daemon=True).start()
