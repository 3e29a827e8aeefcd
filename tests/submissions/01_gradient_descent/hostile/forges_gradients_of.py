"""mse gives the right numbers as plain floats (.item()), so autograd cannot differentiate it,
and the notebook replaces, in its own kernel, the producer course.checks.gradients_of that
test_mse_gradient runs there (checks.on_student_side) with one that returns mse_loss's
gradients. The producer runs in a kernel the student controls; what it returns is judged in the
examiner, but only against the reference: test_mse_gradient keeps its point, a property
checked where the student's code runs (a known limit, as for the guards; nothing else is
won: test_mse judges mse's values in the examiner)."""

# a known limit: it keeps test_mse_gradient; were it defended: LOSES = ["test_mse_gradient"]
LOSES = []

# %% mse
import course.checks
import torch.nn.functional


def mse(X, y, w, b):
    return ((w * X + b - y) ** 2).mean().item()


def _forged(fn, params):
    X, y = fn.fixed
    copies = [p.detach().clone().requires_grad_(True) for p in params]
    with torch.enable_grad():
        out = torch.nn.functional.mse_loss(copies[0] * X + copies[1], y)
        return [g.detach() for g in torch.autograd.grad(out, copies)]


course.checks.gradients_of = _forged

# %% fit
losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for step in range(1000):
    loss = ((w * X + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
