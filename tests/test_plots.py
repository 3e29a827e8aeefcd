"""The pictures students see: the step-size slider of assignment 1 (graded nowhere)."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from course import plots  # noqa: E402


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


def test_explorer_draws_the_path_and_the_step_lengths():
    plt.close("all")
    plots._draw_descent(f, 0.0, 30, 0.3)
    curve, steps = plt.gcf().axes
    assert curve.get_title() == "30 steps with eta = 0.30"
    assert [line.get_label() for line in curve.lines] == ["f(x)", "descent path"]
    assert len(steps.lines[0].get_xdata()) == 30
    plt.close("all")


def test_explorer_asks_for_f_until_it_is_written(capsys):
    def unwritten(x):
        raise NotImplementedError()

    plt.close("all")
    plots._draw_descent(unwritten, 0.0, 30, 0.3)
    assert "Write f in Question 1.1 first" in capsys.readouterr().out
    assert not plt.get_fignums()


def test_explorer_is_a_slider_for_eta(monkeypatch):
    made = {}

    def interact(function, **widgets):
        made.update(widgets)
        function(eta=widgets["eta"].value)

    monkeypatch.setattr(ipywidgets, "interact", interact)
    plt.close("all")
    plots.step_size_explorer(f)
    slider = made["eta"]
    assert isinstance(slider, ipywidgets.FloatSlider)
    assert slider.min < 1 < slider.max and slider.value == 0.3
    assert plt.gcf().axes[0].get_title() == "30 steps with eta = 0.30"
    plt.close("all")
