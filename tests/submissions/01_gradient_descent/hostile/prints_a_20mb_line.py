"""A correct f that prints one line of 20 MB (20 million characters, no newline inside): the
output limit counts lines, so a single line passes it whole. What must happen: the cell's output
is cut (by bytes) in the autograded notebook and the feedback, the grader's memory and the
gradebook are unharmed, and this submission scores full marks."""

LOSES = []

# %% f
print("y" * 20_000_000)


def f(x):
    return (x - 0.5) ** 2
