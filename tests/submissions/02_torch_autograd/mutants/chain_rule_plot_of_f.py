"""fig_chain plots f itself next to its derivative, instead of the two derivatives."""

LOSES = ["test_chain_rule_plot"]

# %% chain_rule_plot
xs = torch.linspace(0.2, 6.0, 300)
fig_chain, ax = plt.subplots()
ax.plot(xs, f(xs), label="f")
ax.plot(xs, df_autograd(xs), label="autograd")
ax.legend()
