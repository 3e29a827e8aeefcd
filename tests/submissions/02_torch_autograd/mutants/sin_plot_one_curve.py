"""The sin plot shows the derivative only, not sin itself."""

LOSES = ["test_sin_plot"]
VISIBLE = True

# %% sin_plot
xs = torch.linspace(-2 * math.pi, 2 * math.pi, 200)
fig, ax = plt.subplots()
ax.plot(xs, sin_derivative(xs), label="derivative")
ax.legend()
