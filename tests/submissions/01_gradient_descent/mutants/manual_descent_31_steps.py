"""The manual descent loop runs 31 updates instead of 30 (range(31))."""

LOSES = ["test_manual_descent"]

# %% manual_descent
x_init = 0.0
eta = 0.1
x = x_init
for step in range(31):
    x = x - eta * grad_f(x)
