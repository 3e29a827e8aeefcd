"""x is 0.3, not what 30 steps of gradient descent give (0.4994), and the manual-descent cell
rebinds grad_f, after the grad_f tests have graded the right one, to a function whose every
step lands on 0.3: v - eta * (v - 0.3) / eta. test_manual_descent accepts "gradient descent
with your grad_f" (so that a wrong grad_f costs one question, not two) and reads grad_f when
it runs, so it judges x against the rebound function and passes; the grad_f tests kept
theirs. No patch of anything: it passes with the examiner on or off, in JupyterLab too. A
correct grader judges the descent against the grad_f that the grad_f tests graded: it loses
test_manual_descent."""

LOSES = ["test_manual_descent"]

# %% manual_descent
x_init = 0.0
eta = 0.1


def grad_f(v):
    return (v - 0.3) / eta


x = x_init
for step in range(30):
    x = x - eta * grad_f(x)
