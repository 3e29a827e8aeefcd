"""Unit tests of plot grading from line data."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from course import bridge, checks, figures  # noqa: E402
from course.checks import CheckFailed  # noqa: E402
from tests.loopback import Loopback  # noqa: E402


@pytest.fixture
def axes():
    fig, ax = plt.subplots()
    yield fig, ax
    plt.close(fig)


def test_finds_labelled_curves_whatever_the_array_type(axes):
    fig, ax = axes
    xs = torch.linspace(-3, 3, 50)
    ax.plot(xs, torch.sin(xs), label="sin")
    ax.plot(xs.numpy(), np.cos(xs.numpy()), "--", label="cos")
    assert figures.find_curves(fig, "fig", np.sin, "sin(x)") is None
    figures.find_curves(fig, "fig", np.cos, "cos(x)")


def test_counts_matching_curves(axes):
    fig, ax = axes
    xs = np.linspace(0.5, 5, 40)
    ax.plot(xs, 1 / xs, label="one")
    with pytest.raises(CheckFailed, match="of which 1 plot.s. 1/x.*2 should"):
        figures.find_curves(fig, "fig", lambda x: 1 / x, "1/x", count=2)


@pytest.mark.parametrize("draw, said", [
    (lambda ax, xs: ax.plot(xs, np.sin(xs)), "without a label"),
    (lambda ax, xs: ax.plot(xs[:30] / 20, np.sin(xs[:30] / 20), label="s"), "at least 3 wide"),
    (lambda ax, xs: ax.plot(xs, -np.sin(xs), label="s"), "none plots sin"),
])
def test_explains_what_is_wrong(axes, draw, said):
    fig, ax = axes
    draw(ax, np.linspace(-3, 3, 60))
    with pytest.raises(CheckFailed, match=said):
        figures.find_curves(fig, "fig", np.sin, "sin")


def test_rejects_what_is_not_a_figure():
    with pytest.raises(CheckFailed, match="keep the figure"):
        figures.curves([1, 2], "fig")


def test_ignores_non_finite_points_at_a_pole(axes):
    fig, ax = axes
    xs = np.linspace(-2, 2, 41)  # passes through 0
    with np.errstate(divide="ignore"):
        ax.plot(xs, 1 / xs, label="1/x")
    figures.find_curves(fig, "fig", lambda x: 1 / x, "1/x")


def test_of_student_grades_a_plot_as_a_picture_of_the_students_own_function(axes):
    fig, ax = axes
    xs = torch.linspace(0.5, 3.0, 50)

    def wrong_derivative(x):  # a student's df with a sign error: the plot still shows it
        return -torch.cos(x)

    ax.plot(xs, wrong_derivative(xs), label="by hand")
    ax.plot(xs, torch.cos(xs), "--", label="autograd")
    figures.find_distinct_curves(fig, "fig", [(figures.of_student(wrong_derivative), "mine"),
                                              (figures.of_student(torch.cos), "autograd")],
                                 min_span=1.0)
    with pytest.raises(CheckFailed, match="one line where 2 different ones"):
        figures.find_distinct_curves(fig, "fig", [(figures.of_student(torch.cos), "a"),
                                                  (figures.of_student(torch.cos), "b")],
                                     min_span=1.0)


@pytest.fixture
def student_kernel():
    """The examiner's side of the bridge, answered by bridge.serve in this process."""
    kernel = Loopback()
    checks.examine_through(SimpleNamespace(kernel=kernel))
    try:
        yield kernel
    finally:
        checks.examine_through(None)
        bridge._handles.clear()


def test_a_figure_in_the_students_kernel_is_read_there_and_judged_here(axes, student_kernel):
    fig, ax = axes
    xs = torch.linspace(-3, 3, 50)
    ax.plot(xs, torch.sin(xs), label="sin")
    fig.add_subplot(2, 1, 2).plot(xs.numpy(), -np.cos(xs.numpy()), label="mine")
    lines = figures.curves(student_kernel.handle(fig), "fig")
    assert [(c.label, c.axes) for c in lines] == [("sin", 0), ("mine", 1)]
    assert np.allclose(lines[0].y, np.sin(lines[0].x))
    students_derivative = student_kernel.handle(lambda t: -torch.cos(t))
    figures.find_distinct_curves(student_kernel.handle(fig), "fig", [
        (np.sin, "sin"), (figures.of_student(students_derivative), "your derivative")])
    with pytest.raises(CheckFailed, match="it is <object object .*> of type object"):
        figures.curves(student_kernel.handle(object()), "fig")


def test_a_replaced_comparison_fails_the_figure_checks(axes, monkeypatch):
    fig, ax = axes
    xs = np.linspace(-3, 3, 50)
    ax.plot(xs, np.sin(xs), label="sin")
    monkeypatch.setattr(np, "allclose", lambda *args, **kwargs: True)
    with pytest.raises(CheckFailed, match="a cell replaced numpy.allclose"):
        figures.find_curves(fig, "fig", np.cos, "cos")
