"""The torch descent cell kills the kernel with os._exit: the questions before it keep their
points, the crashed cell and everything after it score 0, with the reason in the feedback."""

LOSES = ["test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% torch_descent
import os

os._exit(1)
