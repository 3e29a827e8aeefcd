"""A fit that is not the least-squares line of the data, and y rebound so that it is: the
line through the student's own w and b. The fit's test reads the examiner's y, which the
locked data cell made: only test_fit is lost."""

LOSES = ["test_fit"]

# %% fit
losses = [0.0] * 1000
w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(-1.0, requires_grad=True)
y = (w * X + b).detach()
