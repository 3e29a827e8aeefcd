"""Plots the notebooks show students: pictures of their own results, never graded."""

import io
import itertools

import matplotlib.pyplot as plt
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def show_fit(X, y, w, b, losses=()):
    """Show the data with the fitted line w * X + b, and the loss over the iterations."""
    w, b = _number(w), _number(b)
    xs = torch.linspace(_number(X.min()), _number(X.max()), 2)
    fig, (data_ax, loss_ax) = plt.subplots(1, 2, figsize=(10, 3.5))
    data_ax.scatter(X.flatten(), y.flatten(), s=12, label="data")
    data_ax.plot(xs, w * xs + b, color="C3", label=f"fit: w = {w:.3f}, b = {b:.3f}")
    data_ax.set(xlabel="X", ylabel="y", title="Data and fitted line")
    data_ax.legend()
    _draw_losses(loss_ax, losses, "mean squared error", "Loss during training")
    fig.tight_layout()
    plt.show()


def show_losses(losses, ylabel="loss", title="Loss during training"):
    """Show a loss curve, one point per step, on a log scale."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    _draw_losses(ax, losses, ylabel, title)
    fig.tight_layout()
    plt.show()


def step_size_explorer(f, x_init=0.0, steps=30, eta=0.3):
    """Show a slider for the step size and the `steps` steps of gradient descent on f it gives.

    The slope at each step comes from autograd, so this works before grad_f does. Optional
    and never graded: the picture shows the path on the curve and the length of each step.
    """
    from IPython.display import display

    display(_Explorer(explorer_widget(f, x_init, steps, eta)))


class _Explorer:
    """The explorer's widget, shown live in JupyterLab; where widgets cannot be shown (the
    feedback HTML, a notebook viewer) the picture for the starting step size and a one-line
    note take its place, never the widget's repr."""

    NOTE = "(an interactive step-size slider: run the notebook to use it; not graded)"

    def __init__(self, widget):
        self.widget = widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        import base64

        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.NOTE
        picture = self.widget.children[-1].value
        if picture:
            bundle["image/png"] = base64.b64encode(picture).decode("ascii")
        return bundle


def explorer_widget(f, x_init=0.0, steps=30, eta=0.3):
    """The explorer's widgets: a slider, a line for messages and the picture, redrawn when
    the slider moves. (The picture is an Image widget, not an interact() output: nbclient,
    which runs notebooks for grading, can wait 30 s for the end of an Output widget's cell.)"""
    import ipywidgets

    slider = ipywidgets.FloatSlider(value=eta, min=0.05, max=1.25, step=0.05,
                                    description="eta", continuous_update=False,
                                    readout_format=".2f")
    message = ipywidgets.HTML()
    picture = ipywidgets.Image(format="png")

    def redraw(change=None):
        try:
            figure = descent_figure(f, x_init, steps, slider.value)
        except NotImplementedError:
            message.value = "Write f in Question 1.1 first, then run this cell again."
            picture.value = b""
            return
        except Exception as error:  # a student's f that fails on a tensor, say
            message.value = f"f failed on a tensor: {type(error).__name__}: {error}"
            picture.value = b""
            return
        png = io.BytesIO()
        FigureCanvasAgg(figure).print_png(png)
        message.value, picture.value = "", png.getvalue()

    slider.observe(redraw, names="value")
    redraw()
    return ipywidgets.VBox([slider, message, picture])


def descent_path(f, x_init, steps, eta):
    """x_init and the points `steps` steps of gradient descent on f (slopes by autograd)."""
    path = [float(x_init)]
    for _ in range(steps):
        x = torch.tensor(path[-1], dtype=torch.float64, requires_grad=True)
        (slope,) = torch.autograd.grad(f(x), x)
        path.append(path[-1] - eta * float(slope))
    return path


def descent_figure(f, x_init, steps, eta):
    """A figure (off pyplot, so nothing is shown by itself): the path on the curve of f, and
    the length of each step on a log scale."""
    path = descent_path(f, x_init, steps, eta)
    fig = Figure(figsize=(10, 3.5))
    curve_ax, steps_ax = fig.subplots(1, 2)
    centre = path[0]
    reach = max(1.5, *(abs(x - centre) for x in path[:8]))  # the first steps, and room
    xs = torch.linspace(centre - reach, centre + reach, 200, dtype=torch.float64)
    curve_ax.plot(xs, [float(f(x)) for x in xs], color="0.6", label="f(x)")
    shown = [x for x in path if abs(x - centre) <= reach]
    curve_ax.plot(shown, [float(f(torch.tensor(x))) for x in shown], marker="o", ms=4,
                  color="C3", label="descent path")
    curve_ax.set(xlabel="x", ylabel="f(x)", title=f"{steps} steps with eta = {eta:.2f}")
    curve_ax.legend()
    moves = [abs(b - a) for a, b in itertools.pairwise(path)]
    _draw_losses(steps_ax, moves, "|x_k - x_(k-1)|", "Length of each step")
    fig.tight_layout()
    return fig


def _draw_losses(ax, losses, ylabel, title):
    losses = [_number(v) for v in losses]
    if losses:
        ax.plot(range(1, len(losses) + 1), losses, marker="." if len(losses) < 50 else None)
        if min(losses) > 0:
            ax.set_yscale("log")
    else:
        ax.text(0.5, 0.5, "append each step's loss to the list\nto see it here",
                ha="center", va="center", transform=ax.transAxes)
    ax.set(xlabel="step", ylabel=ylabel, title=title)


def _number(value):
    """A float from a number or a one-element tensor, without torch's warning about graphs."""
    return float(value.detach()) if isinstance(value, torch.Tensor) else float(value)
