"""x and w are the right values, but computed by an autograd Function whose class name is
10 MB long, so they are not leaves. The tests that check leaves name the grad_fn's class in
their message: that name comes from the student's kernel, and must not carry megabytes into
the test cell's output (each cell's output is cut at 1 MiB and a notebook's at 8 MiB; the
examiner's output must be held to the same limits, or the name cut where it is read)."""

LOSES = ["test_autograd_backward", "test_torch_descent_leaf", "test_fit"]

# %% autograd_backward
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2
y.backward()


class Same(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t.clone()

    @staticmethod
    def backward(ctx, g):
        return g


Same = type("A" * 10_000_000, (Same,), {})
grad = x.grad
x = Same.apply(x)
x.retain_grad()
x.grad = grad.clone()

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    with torch.no_grad():
        x -= stepsize * x.grad
    x.grad.zero_()
x = Same.apply(x)
print(f"x after {n_iter} steps: {x.item():.6f}")

# %% fit
losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for step in range(1000):
    loss = mse(X, y, w, b)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
w = Same.apply(w)
