"""Functions of a tensor that test cells hand to a student's function, e.g. to a vjp(f, x, v).

During grading a test's own lambda cannot be handed to the student's code: only values and
named functions cross to the student's kernel (course.bridge). A function of this module is
named, so the student's kernel imports its own copy; one with data of its own is
course.checks.bind(a named function, the data), e.g. bind(torch.matmul, A) for t -> A @ t.
"""

import torch


def three_t_squared(t):
    """3 t**2, elementwise."""
    return 3 * t ** 2


def t_tanh_t(t):
    """tanh(t) * t, elementwise."""
    return torch.tanh(t) * t


def cumsum(t):
    """The running sums of t along its first dimension: each output mixes several inputs."""
    return torch.cumsum(t, 0)


def softmax_times_sum(t):
    """softmax(t) * t.sum() along the first dimension: every output depends on every input."""
    return torch.softmax(t, 0) * t.sum()

