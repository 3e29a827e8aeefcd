"""A correct f, then 100000 lines printed: the output is cut in the graded notebook, and the
grades are as usual. f is defined first, so that a cell stopped at the time limit (printing
takes seconds on a busy machine) still has it."""

LOSES = []

# %% f
def f(x):
    return (x - 0.5) ** 2


for i in range(100_000):
    print(f"line {i}")
