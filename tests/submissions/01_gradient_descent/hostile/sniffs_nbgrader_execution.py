"""f looks for NBGRADER_EXECUTION to behave differently while graded: the grader hides it, so
the code behaves as it does for the student, and scores full marks."""

LOSES = []

# %% f
import os

if os.environ.get("NBGRADER_EXECUTION"):
    def f(x):
        return 0.0
else:
    def f(x):
        return (x - 0.5) ** 2
