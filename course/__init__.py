"""autodiff-course: grading helpers for the notebooks' test cells, and the instructor's tools."""

__version__ = "0.1.0"
