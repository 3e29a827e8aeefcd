"""backprop keeps its own explicit stack of (node, next input index) frames: an iterative
post-order walk."""

LOSES = []

# %% topological_backward
def backprop(y):
    order, seen = [], {y}
    frames = [[y, 0]]
    while frames:
        frame = frames[-1]
        node, i = frame
        if i < len(node.inputs):
            frame[1] += 1
            child = node.inputs[i]
            if child not in seen:
                seen.add(child)
                frames.append([child, 0])
        else:
            frames.pop()
            order.append(node)
    for node in order:
        node.grad = 0.0
    y.grad = 1.0
    for node in order[::-1]:
        node.local_backward()
