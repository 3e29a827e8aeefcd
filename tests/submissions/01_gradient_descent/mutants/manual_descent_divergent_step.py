"""A step size of 1.5: each step overshoots further and x runs away from the minimum."""

LOSES = ["test_manual_descent_converges"]
VISIBLE = True

# %% manual_descent
x_init = 0.0
eta = 1.5
x = x_init
for step in range(30):
    x = x - eta * grad_f(x)
