"""The manual descent loop runs 29 updates instead of 30 (range(1, 30))."""

LOSES = ["test_manual_descent"]
VISIBLE = True

# %% manual_descent
x_init = 0.0
eta = 0.1
x = x_init
for step in range(1, 30):
    x = x - eta * grad_f(x)
