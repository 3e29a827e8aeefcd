"""Every code solution cell sleeps 4.5 s before its correct answer: each cell stays under the
5 s cell limit of the hostile class, but the nine sleeps add up to 40.5 s, more than the
notebook's wall-clock limit (about 40 s in the hostile class). What must happen: the notebook is
stopped at its limit, so grading this student costs at most that long; the cells that finished
keep their points and the rest score 0, with the reason in the feedback.

LOSES is a best guess: counting about 1 s for the kernel and the setup cell and 0.1 s per test
cell, the mse cell ends near 37-38 s and the fit cell would end near 42-43 s, so only test_fit
comes after the limit. If the limit also counts nbgrader's own work, or the machine is slow,
test_mse and test_mse_gradient may be lost too. (With the 30 s cell limit of the real course the
same attack would sleep 25 s per cell; in the hostile class, whose cells stop at 5 s, such a cell
would only test the cell limit, which fit_infinite_loop already does.)"""

LOSES = ["test_fit"]

# %% f
import time

time.sleep(4.5)  # under the 5 s cell limit
def f(x):
    return (x - 0.5) ** 2

# %% grad_f
import time

time.sleep(4.5)  # under the 5 s cell limit
def grad_f(x):
    return 2 * (x - 0.5)

# %% manual_descent
import time

time.sleep(4.5)  # under the 5 s cell limit
x_init = 0.0
eta = 0.1

x = x_init
for step in range(30):
    x = x - eta * grad_f(x)
print(f"after 30 steps from {x_init} with eta = {eta}: x = {x:.6f}, f(x) = {f(x):.2e}")

# %% grad_before_backward
import time

time.sleep(4.5)  # under the 5 s cell limit
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2  # the same function as f

grad_before = x.grad
print("x.grad before backward():", grad_before)

# %% autograd_backward
import time

time.sleep(4.5)  # under the 5 s cell limit
x = torch.tensor(0.125, requires_grad=True)
y = (x - 0.5) ** 2

y.backward()
print("x.grad after backward():", x.grad)

# %% torch_descent
import time

time.sleep(4.5)  # under the 5 s cell limit
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

time.sleep(4.5)  # under the 5 s cell limit
w_ideal = -3.0
b_ideal = 1.5

# %% mse
import time

time.sleep(4.5)  # under the 5 s cell limit
def mse(X, y, w, b):
    return ((w * X + b - y) ** 2).mean()

# %% fit
import time

time.sleep(4.5)  # under the 5 s cell limit
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
