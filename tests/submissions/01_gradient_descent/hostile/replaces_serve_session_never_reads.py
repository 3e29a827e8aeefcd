"""A full solution that, in its grad_f cell, replaces course.bridge.serve_session in its own
kernel with one that connects to the examiner and then never reads a request nor returns,
ignoring every KeyboardInterrupt. The examiner's request gets no reply within the call's
limit, its interrupt changes nothing, and the kernel stays busy. What must happen: test_f
keeps its point, the tests after it fail with a reason, the grader's next cell in that kernel
ends the notebook at its limit (the cells after it score 0 with the reason), and the students
graded with it keep their scores."""

LOSES = ["test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% grad_f +
import socket as _socket
import time as _time

import course.bridge


def _serve_session(address):
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    connection.connect(address["unix"])
    while True:
        try:
            _time.sleep(1000)
        except KeyboardInterrupt:
            pass


course.bridge.serve_session = _serve_session
