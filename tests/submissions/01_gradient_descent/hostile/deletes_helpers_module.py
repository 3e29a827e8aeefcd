"""A correct f, then the grading helpers removed from sys.modules: the tests keep their own
reference and grade as usual."""

LOSES = []

# %% f
import sys

for name in [m for m in sys.modules if m == "course" or m.startswith("course.")]:
    del sys.modules[name]


def f(x):
    return (x - 0.5) ** 2
