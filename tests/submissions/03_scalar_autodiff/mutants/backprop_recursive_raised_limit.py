"""A recursive depth-first backprop, with sys.setrecursionlimit(100000) so that the deep chain
does not overflow: right gradients, but the question says "without recursion"."""

LOSES = ["test_topological_backward_deep"]
VISIBLE = True

# %% topological_backward
import sys

sys.setrecursionlimit(100000)


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
