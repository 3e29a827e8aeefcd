"""backprop visits each node once, but breadth-first from the output: a shared node can pass
its gradient on before every node that uses it has added its share."""

LOSES = ["test_topological_backward"]

# %% topological_backward
def backprop(y):
    order, seen, queue = [], {y}, [y]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for inp in node.inputs:
            if inp not in seen:
                seen.add(inp)
                queue.append(inp)
    for node in order:
        node.grad = 0.0
    y.grad = 1.0
    for node in order:
        node.local_backward()
