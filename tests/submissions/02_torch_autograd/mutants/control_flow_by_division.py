"""control_flow_grad returns f(a) / a: the right numbers, but not from autograd."""

LOSES = ["test_control_flow_autograd"]

# %% control_flow
def control_flow_grad(a):
    a = torch.tensor(a)
    return loop_and_branch(a) / a
