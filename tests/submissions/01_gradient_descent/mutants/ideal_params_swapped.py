"""w_ideal and b_ideal swapped: the intercept given as the slope and the other way round."""

LOSES = ["test_ideal_params"]

# %% ideal_params
w_ideal = 1.5
b_ideal = -3.0
