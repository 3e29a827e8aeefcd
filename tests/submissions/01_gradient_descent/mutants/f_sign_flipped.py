"""f computes (x + 0.5)**2: the sign inside the bracket is flipped."""

LOSES = ["test_f"]
VISIBLE = True

# %% f
def f(x):
    return (x + 0.5) ** 2
