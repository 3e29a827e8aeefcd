"""Every code solution cell sleeps 25 s before its answer: ten such cells kept one notebook busy
for minutes when there was only a per-cell limit. Here each cell is cut at the cell limit
(10 s in the hostile class), so no answer is ever defined, and the notebook's own limit (20 s of
student cells in the hostile class; 120 s by default) stops the rest: what is left is not run,
with the reason in the feedback, and the next student is graded as usual. Every test cell loses
its points, whatever the machine's load: deterministic."""

LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
import time

time.sleep(25)  # cut at the cell limit
def f(x):
    return (x - 0.5) ** 2

# %% grad_f
import time

time.sleep(25)  # cut at the cell limit
def grad_f(x):
    return 2 * (x - 0.5)

# %% manual_descent
import time

time.sleep(25)  # cut at the cell limit
x_init = 0.0
eta = 0.1

x = x_init
for step in range(30):
    x = x - eta * grad_f(x)
print(f"after 30 steps from {x_init} with eta = {eta}: x = {x:.6f}, f(x) = {f(x):.2e}")

# %% grad_before_backward
import time

time.sleep(25)  # cut at the cell limit
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2  # the same function as f

grad_before = x.grad
print("x.grad before backward():", grad_before)

# %% autograd_backward
import time

time.sleep(25)  # cut at the cell limit
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2

y.backward()
print("x.grad after backward():", x.grad)

# %% torch_descent
import time

time.sleep(25)  # cut at the cell limit
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30

for i in range(n_iter):
    y = (x - 0.5) ** 2
    y.backward()
    with torch.no_grad():
        x -= stepsize * x.grad
    x.grad.zero_()
print(f"x after {n_iter} steps: {x.item():.6f}")

# %% ideal_params
import time

time.sleep(25)  # cut at the cell limit
w_ideal = -3.0
b_ideal = 1.5

# %% mse
import time

time.sleep(25)  # cut at the cell limit
def mse(X, y, w, b):
    return ((w * X + b - y) ** 2).mean()

# %% fit
import time

time.sleep(25)  # cut at the cell limit
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
print(f"w = {w.item():.4f}, b = {b.item():.4f}, final loss = {losses[-1]:.4f}")
