"""A correct f that prints 100000 lines: the output is cut in the graded notebook, and the
grades are as usual."""

LOSES = []

# %% f
for i in range(100_000):
    print(f"line {i}")


def f(x):
    return (x - 0.5) ** 2
