"""x is 0.3, not what 30 steps of gradient descent give (0.4994), and the manual-descent cell
rebinds grad_f, after the grad_f tests have graded the right one, to a function whose every
step lands on 0.3: v - eta * (v - 0.3) / eta. test_manual_descent used to accept "gradient
descent with your grad_f" (so that a wrong grad_f cost one question, not two) and read grad_f
when it ran, so it judged x against the rebound function, with the examiner on or off (a red
team's finding). It now judges x against descent with f's true derivative, computed in the
test: it loses test_manual_descent (and a wrong grad_f costs that question too)."""

LOSES = ["test_manual_descent"]

# %% manual_descent
x_init = 0.0
eta = 0.1


def grad_f(v):
    return (v - 0.3) / eta


x = x_init
for step in range(30):
    x = x - eta * grad_f(x)
