"""The plotted "derivative" is -sin(x), the second derivative, next to sin."""

LOSES = ["test_sin_plot"]

# %% sin_plot
xs = torch.linspace(-2 * math.pi, 2 * math.pi, 200)
fig, ax = plt.subplots()
ax.plot(xs, torch.sin(xs), label="sin")
ax.plot(xs, -torch.sin(xs), label="derivative")
ax.legend()
