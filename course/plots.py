"""Plots the notebooks show students: pictures of their own results, never graded."""

import matplotlib.pyplot as plt
import torch


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
