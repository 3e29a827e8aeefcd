"""fig_chain shows only the autograd derivative, so the two cannot be compared."""

LOSES = ["test_chain_rule_plot"]
VISIBLE = True

# %% chain_rule_plot
xs = torch.linspace(0.2, 6.0, 300)
fig_chain, ax = plt.subplots()
ax.plot(xs, df_autograd(xs), label="autograd")
ax.legend()
