"""A correct f, with the name print rebound in the notebook: the grader's messages do not
depend on it."""

LOSES = []

# %% f
print = lambda *args, **kwargs: None  # noqa: E731


def f(x):
    return (x - 0.5) ** 2
