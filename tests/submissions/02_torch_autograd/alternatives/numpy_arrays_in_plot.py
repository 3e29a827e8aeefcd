"""Both plots built from numpy arrays, converting to tensors only to differentiate."""

LOSES = []

# %% sin_plot
grid = np.linspace(-4, 4, 101)
fig, ax = plt.subplots()
ax.plot(grid, np.sin(grid), label="sin")
ax.plot(grid, sin_derivative(torch.from_numpy(grid)).numpy(), label="derivative")
ax.legend()

# %% chain_rule_plot
grid = np.linspace(-6, -0.3, 80)
fig_chain, ax = plt.subplots()
ax.plot(grid, df_analytic(torch.from_numpy(grid)).numpy(), "o", label="by hand")
ax.plot(grid, df_autograd(torch.from_numpy(grid)).numpy(), label="autograd")
ax.legend()
