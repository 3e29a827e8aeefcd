"""backprop never resets the gradients, so a second pass adds to the first."""

LOSES = ["test_topological_backward"]

# %% topological_backward
def backprop(y):
    order, seen = [], set()
    stack = [(y, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((inp, False) for inp in node.inputs if inp not in seen)
    y.grad = 1.0
    for node in reversed(order):
        node.local_backward()
