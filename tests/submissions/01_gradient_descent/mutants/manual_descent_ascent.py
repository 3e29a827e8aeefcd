"""The update adds the gradient (x + eta * grad): gradient ascent instead of descent."""

LOSES = ["test_manual_descent"]

# %% manual_descent
x_init = 0.0
eta = 0.1
x = x_init
for step in range(30):
    x = x + eta * grad_f(x)
