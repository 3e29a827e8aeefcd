"""w_ols is X^T y, forgetting to multiply by (X^T X)^-1."""

LOSES = ["test_ols"]
VISIBLE = True

# %% ols
w_ols = (ptX @ pty).item()
