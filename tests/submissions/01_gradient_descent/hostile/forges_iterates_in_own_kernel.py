"""x is 0.3, not what 30 steps of gradient descent give (0.4994), and the notebook replaces,
in its own kernel, course.checks.iterates: since 0e23159, iterates_match runs the history of
"gradient descent with your grad_f" there (checks.bind(descent_step, grad_f, eta) crosses as
a portable name, and the student's kernel imports course.checks.iterates, course.checks.bind
and course.functions.descent_step itself, all of them the student's to replace). The forged
history ends at 0.3 and test_manual_descent passes. It is no property of the student's code
watched where it runs (autograd off, no cosine) but the test's reference, so the README's
"a cheat there wins at most that property's points" does not cover it. Replacing
course.functions.descent_step with `lambda grad, eta, v: 0.3` does the same. A correct
grader computes that reference in the examiner (one call of grad_f per step through the
bridge, or the student's grad_f values checked there): it loses test_manual_descent."""

LOSES = ["test_manual_descent"]

# %% manual_descent
import course.checks

course.checks.iterates = lambda step, start, n: [start] + [0.3] * n

x_init = 0.0
eta = 0.1
x = 0.3
