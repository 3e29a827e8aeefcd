"""backprop builds its topological order with a recursive function: right on small graphs,
RecursionError on a deep one."""

LOSES = ["test_topological_backward_deep"]

# %% topological_backward
def backprop(y):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for inp in node.inputs:
                visit(inp)
            order.append(node)

    visit(y)
    for node in order:
        node.grad = 0.0
    y.grad = 1.0
    for node in reversed(order):
        node.local_backward()
