"""Figures made with plt.figure() and drawn with plt.plot, kept in fig and fig_chain."""

LOSES = []

# %% sin_plot
fig = plt.figure()
xs = torch.linspace(0, 2 * math.pi, 50)
plt.plot(xs, torch.sin(xs), label="sin")
plt.plot(xs, sin_derivative(xs), label="sin' by autograd")
plt.legend()

# %% chain_rule_plot
fig_chain = plt.figure()
xs = torch.linspace(0.5, 5.0, 60)
plt.plot(xs, df_analytic(xs), label="analytic")
plt.plot(xs, df_autograd(xs), ":", label="autograd")
plt.legend()
