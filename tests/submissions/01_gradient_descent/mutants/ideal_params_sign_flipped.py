"""w_ideal = 3.0: the minus sign of the slope is lost."""

LOSES = ["test_ideal_params"]
VISIBLE = True

# %% ideal_params
w_ideal = 3.0
b_ideal = 1.5
