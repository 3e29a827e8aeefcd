"""Both curves are there but neither has a label, so the reader cannot tell them apart."""

LOSES = ["test_sin_plot"]

# %% sin_plot
xs = torch.linspace(-2 * math.pi, 2 * math.pi, 200)
fig, ax = plt.subplots()
ax.plot(xs, torch.sin(xs))
ax.plot(xs, sin_derivative(xs))
