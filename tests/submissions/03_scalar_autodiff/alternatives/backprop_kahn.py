"""backprop orders the nodes with Kahn's algorithm: count each node's users, release a node
when all of them have passed their gradient on."""

LOSES = []

# %% topological_backward
def backprop(y):
    users, seen, stack = {}, {y}, [y]
    while stack:
        node = stack.pop()
        node.grad = 0.0
        for inp in node.inputs:
            users[inp] = users.get(inp, 0) + 1
            if inp not in seen:
                seen.add(inp)
                stack.append(inp)
    y.grad = 1.0
    ready = [y]
    while ready:
        node = ready.pop()
        node.local_backward()
        for inp in node.inputs:
            users[inp] -= 1
            if users[inp] == 0:
                ready.append(inp)
