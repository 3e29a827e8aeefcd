"""fig_chain plots both derivatives over -3 <= x <= 3, through 0, where f is not defined."""

LOSES = ["test_chain_rule_plot"]

# %% chain_rule_plot
xs = torch.linspace(-3.0, 3.0, 201)
fig_chain, ax = plt.subplots()
ax.plot(xs, df_analytic(xs), label="by hand")
ax.plot(xs, df_autograd(xs), "--", label="autograd")
ax.legend()
