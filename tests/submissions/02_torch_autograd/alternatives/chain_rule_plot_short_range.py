"""The chain-rule plot over linspace(0.5, 3, 200): away from 0 and at least 1 wide, as asked."""

LOSES = []

# %% chain_rule_plot
xs = torch.linspace(0.5, 3, 200)
fig_chain, ax = plt.subplots()
ax.plot(xs, df_analytic(xs), label="by hand")
ax.plot(xs, df_autograd(xs), ":", label="autograd")
ax.legend()
