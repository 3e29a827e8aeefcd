"""The curves are drawn with plt.plot and the figure is never stored in fig."""

LOSES = ["test_sin_plot"]

# %% sin_plot
xs = torch.linspace(-2 * math.pi, 2 * math.pi, 200)
plt.plot(xs, torch.sin(xs), label="sin")
plt.plot(xs, sin_derivative(xs), label="derivative")
plt.legend()
