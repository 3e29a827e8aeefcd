"""Answers that attack the bridge between the student's kernel and the examiner: a function
that never returns, objects whose __getattr__, __eq__, __len__, __float__ and __iter__ raise or
lie, a 1 GiB tensor, a list that holds itself, a tensor subclass. Each test that reads one
fails with a reason, and the examiner goes on: the fit, answered honestly, keeps its points."""

LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_ideal_params",
         "test_mse", "test_mse_gradient"]

# %% f
class NeverReturns:
    def __call__(self, x):
        while True:
            pass


f = NeverReturns()

# %% grad_f
class Slippery:
    def __getattr__(self, name):
        raise RuntimeError("no attributes here")

    def __eq__(self, other):
        return True

    def __len__(self):
        raise RuntimeError("no length either")

    def __iter__(self):
        while True:
            yield self

    def __call__(self, x):
        return self


grad_f = Slippery()

# %% manual_descent
x_init = torch.zeros(1 << 28)  # 1 GiB
eta = torch.tensor(0.1).as_subclass(type("Liar", (torch.Tensor,), {"__eq__": lambda *a: True}))
x = 0.5

# %% grad_before_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
grad_before = []
for _ in range(3):
    grad_before = [grad_before]
grad_before.append(grad_before)

# %% ideal_params
class Number:
    def __float__(self):
        return "three"

    def __eq__(self, other):
        return True


w_ideal = Number()
b_ideal = Number()

# %% mse
class Loss:
    def __len__(self):
        return -1


def mse(X, y, w, b):
    return Loss()

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
