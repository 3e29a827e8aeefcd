"""The pictures students see: the step-size slider of assignment 1 (graded nowhere)."""

import ipywidgets
import pytest

from course import plots


def f(x):
    return (x - 0.5) ** 2


@pytest.mark.parametrize("eta", [0.05, 0.3, 0.5, 0.9])
def test_descent_converges_below_one(eta):
    path = plots.descent_path(f, 0.0, 30, eta)
    assert len(path) == 31 and path[0] == 0.0
    # each step multiplies the distance to the minimiser by |1 - 2 eta| < 1
    assert abs(path[-1] - 0.5) == pytest.approx(0.5 * abs(1 - 2 * eta) ** 30, abs=1e-12)


@pytest.mark.parametrize("eta", [1.05, 1.25])
def test_descent_diverges_above_one(eta):
    path = plots.descent_path(f, 0.0, 30, eta)
    distances = [abs(x - 0.5) for x in path]
    assert all(b > a for a, b in zip(distances, distances[1:], strict=False))
    assert distances[-1] == pytest.approx(0.5 * (2 * eta - 1) ** 30)


def test_figure_shows_the_path_and_the_step_lengths():
    curve, steps = plots.descent_figure(f, 0.0, 30, 0.3).axes
    assert curve.get_title() == "30 steps with eta = 0.30"
    assert [line.get_label() for line in curve.lines] == ["f(x)", "descent path"]
    assert len(steps.lines[0].get_xdata()) == 30


def test_slider_redraws_the_picture():
    slider, message, picture = plots.explorer_widget(f).children
    assert isinstance(slider, ipywidgets.FloatSlider) and slider.min < 1 < slider.max
    first = bytes(picture.value)
    assert first.startswith(b"\x89PNG") and message.value == ""
    slider.value = 1.1
    assert bytes(picture.value).startswith(b"\x89PNG") and bytes(picture.value) != first


def test_explorer_asks_for_f_until_it_is_written():
    def unwritten(x):
        raise NotImplementedError()

    _, message, picture = plots.explorer_widget(unwritten).children
    assert "Write f in Question 1.1 first" in message.value and bytes(picture.value) == b""


def test_explorer_reports_an_f_that_fails_on_tensors():
    _, message, picture = plots.explorer_widget(lambda x: x.numpy() ** 2).children
    assert message.value.startswith("f failed on a tensor") and bytes(picture.value) == b""


def test_explorer_shows_a_picture_and_a_note_where_widgets_cannot_run():
    from course.plots import _Explorer, explorer_widget

    bundle = _Explorer(explorer_widget(lambda x: (x - 0.5) ** 2))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live in JupyterLab
    assert bundle["image/png"] and "slider" in bundle["text/plain"]
    assert "VBox" not in bundle["text/plain"]
