"""grad_f differentiates with autograd, and the notebook disarms, in its own kernel, the guard
that test_grad_f_no_autograd sends there with each call (course.checks.autograd_forbidden and
the bridge's _guard). The guard runs where the student's code runs, in a kernel the student
controls: the README accepts that such a cheat wins at most that property's points, and it
does: test_grad_f_no_autograd keeps its point (a known limit; nothing else is won)."""

# a known limit: it keeps test_grad_f_no_autograd; were it defended: LOSES = ["test_grad_f_no_autograd"]
LOSES = []

# %% grad_f
import contextlib

import course.bridge
import course.checks


def grad_f(x):
    t = torch.as_tensor(x, dtype=torch.float64).detach().clone().requires_grad_(True)
    ((t - 0.5) ** 2).sum().backward()
    return t.grad.item() if not isinstance(x, torch.Tensor) else t.grad.to(x.dtype)


course.checks._forbidden_here = lambda targets, reason: contextlib.nullcontext()
