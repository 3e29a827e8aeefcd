"""Every loop written as a while loop with a counter, and the manual update inlined."""

LOSES = []

# %% manual_descent
x_init = -1.0
eta = 0.25
x = x_init
steps = 0
while steps < 30:
    x -= eta * 2 * (x - 0.5)
    steps += 1

# %% torch_descent
x = torch.tensor(0.125, requires_grad=True)
stepsize = 0.1
n_iter = 30
i = 0
while i < n_iter:
    ((x - 0.5) ** 2).backward()
    with torch.no_grad():
        x.sub_(stepsize * x.grad)
    x.grad.zero_()
    i += 1
