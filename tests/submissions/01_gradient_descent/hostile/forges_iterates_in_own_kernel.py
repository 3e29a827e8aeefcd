"""x is 0.3, not what 30 steps of gradient descent give (0.4994), and the notebook replaces,
in its own kernel, course.checks.iterates. For a while iterates_match ran the history of
"gradient descent with your grad_f" there (a red team's finding: the student's kernel is the
student's to patch, and that history was the test's reference, not a property of the
student's code). test_manual_descent now judges x against descent with f's true derivative,
computed in the examiner alone: it loses test_manual_descent."""

LOSES = ["test_manual_descent"]

# %% manual_descent
import course.checks

course.checks.iterates = lambda step, start, n: [start] + [0.3] * n

x_init = 0.0
eta = 0.1
x = 0.3
