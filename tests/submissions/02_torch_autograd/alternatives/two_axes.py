"""sin and its derivative on two side-by-side axes of one figure."""

LOSES = []

# %% sin_plot
xs = torch.linspace(-math.pi, math.pi, 120)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3))
left.plot(xs, torch.sin(xs), label="sin")
right.plot(xs, sin_derivative(xs), label="derivative")
left.legend()
right.legend()
