"""Grading plots from their data: the lines a student's Figure holds, not its pixels.

A test finds, among the lines on every axes of the figure, one whose y-data matches a
reference evaluated at that line's own x-data, so any range, resolution, array type or
plotting style the student picked is fine.

During grading the Figure is in the student's kernel and the checks run in the examiner
(course.examiner): lines_of reads the lines' data there and they come back by value, to be
judged here; of_student's reference calls the student's function there, with values.
"""

import itertools
from dataclasses import dataclass

import numpy as np
import torch
from matplotlib.figure import Figure

from course import bridge
from course.checks import check, fail, on_student_side, short


@dataclass
class Curve:
    """One plotted line: its label, data as float arrays, and the number of its axes."""

    label: str
    x: np.ndarray
    y: np.ndarray
    axes: int = 0

    @property
    def labelled(self):
        return bool(self.label) and not self.label.startswith("_")

    def describe(self):
        name = f"'{self.label}'" if self.labelled else "without a label"
        return f"a line {name} of {len(self.x)} points"


@check
def curves(fig, name):
    """Every line on every axes of fig, after checking that fig is a matplotlib Figure."""
    __tracebackhide__ = True
    if isinstance(fig, bridge.Handle):  # in the examiner: the student's figure, read there
        try:
            found = on_student_side(lines_of)(fig)
        except (bridge.StudentError, bridge.BridgeError) as error:
            fail(f"the lines of {name} could not be read: {error}")
    else:
        found = lines_of(fig)
    if isinstance(found, str):
        fail(f"{name} should be a matplotlib Figure, but it is {found}: keep the figure, e.g. "
             f"`{name}, ax = plt.subplots()`")
    if not isinstance(found, list) or not all(_is_line_data(item) for item in found):
        fail(f"the lines of {name} could not be read")
    # copies: arrays that came by value are read-only, which torch.as_tensor warns about
    return [Curve(label, x.copy(), y.copy(), axes) for label, x, y, axes in found]


def lines_of(fig):
    """The data of every line on every axes of fig, as values: [label, x, y, axes number]
    for each, x and y flat float arrays; or, when fig is no Figure, a description of it.
    Runs where fig is (see course.checks.on_student_side)."""
    if not isinstance(fig, Figure):
        return f"{short(fig)} of type {type(fig).__name__}"
    return [[str(line.get_label()), np.asarray(line.get_xdata(), dtype=float).ravel(),
             np.asarray(line.get_ydata(), dtype=float).ravel(), number]
            for number, ax in enumerate(fig.axes) for line in ax.get_lines()]


def _is_line_data(item):
    return (isinstance(item, list) and len(item) == 4 and isinstance(item[0], str)
            and all(isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype == float
                    for a in item[1:3])
            and isinstance(item[3], int))


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
        _check_range_and_label(curve, name, what, min_span)
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


def of_student(fn):
    """A reference for find_curves made of the student's own function fn (tensor in, tensor
    out): a plot is graded as a picture of the student's functions, so a mistake in fn costs
    the question that asks for fn, not the plot. Where fn fails, the result is NaN."""

    def reference(x):
        for dtype in (torch.float64, torch.float32):
            try:
                values = fn(torch.as_tensor(np.asarray(x), dtype=dtype))
                return np.asarray(torch.as_tensor(values).detach().to(torch.float64)).reshape(
                    np.shape(x))
            except Exception:
                continue
        return np.full(np.shape(x), np.nan)

    return reference


def find_distinct_curves(fig, name, wanted, *, min_points=20, min_span=3.0, rtol=1e-4,
                         atol=1e-5):
    """Fail unless fig has a different line for each (reference, what) pair in wanted, each
    plotting its reference at its own x values, as find_curves asks of one line."""
    __tracebackhide__ = True
    lines = curves(fig, name)
    if len(lines) < len(wanted):
        fail(f"{name} has {len(lines)} line(s): plot {len(wanted)} curves, "
             + ", ".join(what for _, what in wanted) + ", each with a label")
    matches = [[k for k, c in enumerate(lines) if _plots(c, ref, min_points, rtol, atol)]
               for ref, _ in wanted]
    for (_, what), found in zip(wanted, matches, strict=True):
        if not found:
            shown = ", ".join(c.describe() for c in lines)
            fail(f"{name} has {len(lines)} line(s) ({shown}), but none plots {what} at its own "
                 f"x values (with at least {min_points} points)")
    picks = [p for p in itertools.product(*matches) if len(set(p)) == len(p)]
    if not picks:
        fail(f"{name} plots one line where {len(wanted)} different ones should be: "
             + ", ".join(what for _, what in wanted))
    for (_, what), k in zip(wanted, picks[0], strict=True):
        _check_range_and_label(lines[k], name, what, min_span)


def _check_range_and_label(curve, name, what, min_span):
    __tracebackhide__ = True
    if np.ptp(curve.x[np.isfinite(curve.y)]) < min_span:
        fail(f"{name} plots {what}, but only over x from {curve.x.min():.3g} to "
             f"{curve.x.max():.3g}: show an interval at least {min_span:g} wide")
    if not curve.labelled:
        fail(f"{name} plots {what} without a label: pass label='...' to plot and call "
             "ax.legend()")
