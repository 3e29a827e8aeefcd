"""The fit cell never ends: it is interrupted at the cell time limit, the fit scores 0, and
everything else is graded as usual."""

LOSES = ["test_fit"]

# %% fit
losses = []
while True:
    pass
