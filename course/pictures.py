"""Pictures of computation graphs for students: never graded.

`show_graph(z, names={"x": x, "z": z})` draws the graph autograd recorded behind the tensor z
(walking `grad_fn.next_functions` down to the leaves), or the graph behind a node of
assignment 03 (anything with `.inputs`, `.val` and `.grad`). Each box is an operation or a
leaf; a tensor you name is labelled with its name, its value and, once a backward pass has
filled it in, its gradient. Arrows go the way values flow, from inputs to results;
backpropagation walks them the other way.

Drawn with matplotlib, already a dependency of the course: it renders offline to PNG, which
JupyterLab shows and nbconvert keeps in the feedback HTML. Graphviz (through its Python
package) lays graphs out better, but needs the `dot` binary (Debian's graphviz) on every
machine that runs a notebook, the grading sandbox included; these graphs have a dozen nodes,
for which a layered layout of our own is enough.
"""

import io
from dataclasses import dataclass, field

import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


@dataclass
class Picture:
    """A graph ready to draw: node id -> label lines, and edges (source, target) from an
    input to the result computed from it. kinds: node id -> "leaf", "op" or "output"."""

    labels: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)

    def names(self):
        """The first line of each node's label, by node id."""
        return {node: lines[0] for node, lines in self.labels.items()}

    def named_edges(self):
        """The edges as (first label line of the input, first label line of the result)."""
        first = self.names()
        return sorted((first[a], first[b]) for a, b in self.edges)


def graph_of(*roots, names=None):
    """The Picture of the graph behind roots: tensors with a grad_fn, or nodes with inputs."""
    names = names or {}
    picture = Picture()
    if all(isinstance(r, torch.Tensor) for r in roots):
        _walk_tensors(picture, roots, names)
    else:
        _walk_nodes(picture, roots, names)
    return picture


def _describe_tensor(t):
    t = t.detach()
    if t.numel() <= 3:
        values = [round(v, 4) for v in t.reshape(-1).tolist()]
        return f"{values[0]:g}" if t.dim() == 0 else str(values)
    return f"shape {tuple(t.shape)}"


def _tensor_lines(name, t):
    lines = [name, f"value {_describe_tensor(t)}"]
    grad = t.grad if t.is_leaf or t.retains_grad else None
    if grad is not None:
        lines.append(f"grad {_describe_tensor(grad)}")
    return lines


def _op_name(fn):
    """The operation's name, with what tells apart two of a kind: Select [0] for x[0], Pow 2
    for t ** 2 (autograd keeps them as the node's saved attributes, `_saved_index`, ...)."""
    name = type(fn).__name__
    for suffix in ("Backward0", "Backward1", "Backward"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name == "Select":
        dim, index = getattr(fn, "_saved_dim", 0), getattr(fn, "_saved_index", "?")
        return f"Select [{index}]" if dim == 0 else f"Select [dim {dim}: {index}]"
    if name == "Pow" and isinstance(getattr(fn, "_saved_exponent", None), (int, float)):
        return f"Pow {fn._saved_exponent:g}"
    return name


def _walk_tensors(picture, roots, names):
    by_fn = {id(t.grad_fn): (n, t) for n, t in names.items()
             if isinstance(t, torch.Tensor) and t.grad_fn is not None}
    leaves = {id(t): (n, t) for n, t in names.items() if isinstance(t, torch.Tensor) and t.is_leaf}
    root_fns = {id(r.grad_fn) for r in roots}
    stack, seen = [r.grad_fn for r in roots if r.grad_fn is not None], set()
    while stack:
        fn = stack.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        if hasattr(fn, "variable"):  # AccumulateGrad: a leaf tensor
            var = fn.variable
            name, _ = leaves.get(id(var), ("leaf", var))
            picture.labels[id(fn)] = _tensor_lines(name, var)
            picture.kinds[id(fn)] = "leaf"
            continue
        op = _op_name(fn)
        if id(fn) in by_fn:
            name, t = by_fn[id(fn)]
            picture.labels[id(fn)] = [f"{name} = {op}", *_tensor_lines(name, t)[1:]]
        else:
            picture.labels[id(fn)] = [op]
        picture.kinds[id(fn)] = "output" if id(fn) in root_fns else "op"
        for child, _ in fn.next_functions:
            if child is not None:
                picture.edges.append((id(child), id(fn)))
                stack.append(child)


def _walk_nodes(picture, roots, names):
    named = {id(v): n for n, v in names.items()}
    root_ids = {id(r) for r in roots}
    stack, seen = list(roots), set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        inputs = tuple(getattr(node, "inputs", ()))
        kind = "output" if id(node) in root_ids else ("op" if inputs else "leaf")
        lines = [named.get(id(node), "node" if inputs else "leaf"),
                 f"value {float(node.val):g}"]
        if getattr(node, "grad", None) is not None:
            lines.append(f"grad {float(node.grad):g}")
        picture.labels[id(node)], picture.kinds[id(node)] = lines, kind
        for inp in inputs:
            picture.edges.append((id(inp), id(node)))
            stack.append(inp)


def _layers(picture):
    """Each node's column: its longest distance from a leaf (leaves at 0)."""
    inputs = {n: [] for n in picture.labels}
    for a, b in picture.edges:
        inputs[b].append(a)
    depth = {}

    def column(n):  # iterative longest path, so deep graphs do not recurse
        stack = [n]
        while stack:
            top = stack[-1]
            pending = [i for i in inputs[top] if i not in depth]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            depth[top] = 1 + max((depth[i] for i in inputs[top]), default=-1)
        return depth[n]

    for n in picture.labels:
        column(n)
    return depth


_COLOURS = {"leaf": "#dbeafe", "op": "#f3f4f6", "output": "#fde68a"}


def figure_of(picture, title=""):
    """A matplotlib Figure (off pyplot) drawing the picture, inputs left, outputs right."""
    depth = _layers(picture)
    columns = {}
    for n in sorted(picture.labels, key=lambda n: (depth[n], picture.labels[n])):
        columns.setdefault(depth[n], []).append(n)
    width = max(columns) + 1 if columns else 1
    height = max((len(c) for c in columns.values()), default=1)
    fig = Figure(figsize=(max(4.0, 2.6 * width), max(2.0, 1.3 * height + 0.6)))
    ax = fig.add_axes((0, 0, 1, 0.92 if title else 1))
    ax.set_xlim(-0.6, width - 0.4)
    ax.set_ylim(-0.7, height - 0.3)
    ax.axis("off")
    where = {}
    for col, nodes in columns.items():
        offset = (height - len(nodes)) / 2
        for row, n in enumerate(nodes):
            where[n] = (col, height - 1 - row - offset)
    boxes = {}
    for n, (x, y) in where.items():
        text = "\n".join(picture.labels[n])
        boxes[n] = ax.text(x, y, text, ha="center", va="center", fontsize=8.5,
                           family="monospace", bbox=dict(
                               boxstyle="round,pad=0.4", facecolor=_COLOURS[picture.kinds[n]],
                               edgecolor="0.4"))
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()  # places the boxes, so that arrows can end at their edges
    drawn = {}
    for a, b in picture.edges:  # x * x: two arrows from x, bent apart
        k = drawn[(a, b)] = drawn.get((a, b), -1) + 1
        # from the edge of one box to the edge of the other, under any box they cross
        ax.annotate("", xy=where[b], xytext=where[a], zorder=2, arrowprops=dict(
            arrowstyle="-|>", color="0.35", shrinkA=2, shrinkB=2,
            patchA=boxes[a].get_bbox_patch(), patchB=boxes[b].get_bbox_patch(),
            connectionstyle=f"arc3,rad={0.08 + 0.3 * k}"))
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def png_of(figure):
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


class GraphImage:
    """A drawn graph that a notebook shows as a PNG image (in JupyterLab and in the feedback
    HTML), with a one-line text form elsewhere."""

    def __init__(self, picture, title=""):
        self.picture, self.title = picture, title

    def _repr_png_(self):
        return png_of(figure_of(self.picture, self.title))

    def __repr__(self):
        return (f"<computation graph: {len(self.picture.labels)} nodes, "
                f"{len(self.picture.edges)} edges>")


def show_graph(*roots, names=None, title=""):
    """Show the computation graph behind roots (tensors or nodes) in the notebook.

    names maps a name to a tensor (or node) of the graph, e.g. {"x": x, "y": y}: those boxes
    get the name, the value and the gradient when there is one (a leaf's .grad after
    backward(), an intermediate's after retain_grad()).
    """
    from IPython.display import display

    display(GraphImage(graph_of(*roots, names=names), title))

