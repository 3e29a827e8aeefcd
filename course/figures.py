"""Grading plots from their data: the lines a student's Figure holds, not its pixels.

A test finds, among the lines on every axes of the figure, one whose y-data matches a
reference evaluated at that line's own x-data, so any range, resolution, array type or
plotting style the student picked is fine.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from course.checks import fail, short


@dataclass
class Curve:
    """One plotted line: its label and data as float arrays."""

    label: str
    x: np.ndarray
    y: np.ndarray

    @property
    def labelled(self):
        return bool(self.label) and not self.label.startswith("_")

    def describe(self):
        name = f"'{self.label}'" if self.labelled else "without a label"
        return f"a line {name} of {len(self.x)} points"


def curves(fig, name):
    """Every line on every axes of fig, after checking that fig is a matplotlib Figure."""
    __tracebackhide__ = True
    if not isinstance(fig, Figure):
        fail(f"{name} should be a matplotlib Figure, but it is {short(fig)} of type "
             f"{type(fig).__name__}: keep the figure, e.g. `{name}, ax = plt.subplots()`")
    found = []
    for ax in fig.axes:
        for line in ax.get_lines():
            x = np.asarray(line.get_xdata(), dtype=float).ravel()
            y = np.asarray(line.get_ydata(), dtype=float).ravel()
            found.append(Curve(str(line.get_label()), x, y))
    return found


def find_curves(fig, name, reference, what, *, count=1, min_points=20, min_span=3.0,
                rtol=1e-4, atol=1e-5):
    """Fail unless count lines of fig plot reference (a function of the x-data), saying why.

    Each needs at least min_points points spread over at least min_span along x, and a label
    (shown in a legend). NaN or infinite points, e.g. at a pole, are left out.
    """
    __tracebackhide__ = True
    lines = curves(fig, name)
    if not lines:
        fail(f"{name} has no lines: plot the curves on its axes, e.g. `ax.plot(x, y, label=...)`")
    found = [c for c in lines if _plots(c, reference, min_points, rtol, atol)]
    for curve in found:
        if np.ptp(curve.x[np.isfinite(curve.y)]) < min_span:
            fail(f"{name} plots {what}, but only over x from {curve.x.min():.3g} to "
                 f"{curve.x.max():.3g}: show an interval at least {min_span:g} wide")
        if not curve.labelled:
            fail(f"{name} plots {what} without a label: pass label='...' to plot and call "
                 "ax.legend()")
    if len(found) < count:
        shown = ", ".join(c.describe() for c in lines)
        if count == 1:
            fail(f"{name} has {len(lines)} line(s) ({shown}), but none plots {what} at its own x "
                 f"values (with at least {min_points} points)")
        fail(f"{name} has {len(lines)} line(s) ({shown}), of which {len(found)} plot(s) {what} "
             f"at its own x values; {count} should")


def _plots(curve, reference, min_points, rtol, atol):
    if len(curve.x) != len(curve.y) or len(curve.x) < min_points:
        return False
    with np.errstate(all="ignore"):
        expected = np.asarray(reference(curve.x), dtype=float)
    keep = np.isfinite(curve.y) & np.isfinite(expected)
    return keep.sum() >= min_points and np.allclose(curve.y[keep], expected[keep], rtol=rtol,
                                                    atol=atol)
