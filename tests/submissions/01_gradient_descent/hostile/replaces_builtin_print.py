"""A correct fit, then builtins.print replaced: the grader relies on print, so the test that
follows fails rather than trusting a tampered kernel."""

LOSES = ["test_fit"]

# %% fit
import builtins

losses = []
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
optimizer = torch.optim.SGD([w, b], lr=0.1)
for step in range(1000):
    optimizer.zero_grad()
    loss = mse(X, y, w, b)
    loss.backward()
    optimizer.step()
builtins.print = lambda *args, **kwargs: None
