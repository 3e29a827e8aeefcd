"""backprop collects nodes without remembering which it has seen: a shared node enters the
order once per path and passes its gradient on several times."""

LOSES = ["test_topological_backward"]
VISIBLE = True

# %% topological_backward
def backprop(y):
    order = []
    stack = [(y, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((inp, False) for inp in node.inputs)
    for node in order:
        node.grad = 0.0
    y.grad = 1.0
    for node in reversed(order):
        node.local_backward()
