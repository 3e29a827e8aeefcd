"""A correct fit, then builtins.print replaced in the student's kernel: the tests run in the
examiner, whose print is its own, so the fit keeps its points."""

LOSES = []

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
    losses.append(loss.item())
builtins.print = lambda *args, **kwargs: None
