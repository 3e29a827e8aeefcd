"""Plots the notebooks show students: pictures of their own results, never graded."""

import matplotlib.pyplot as plt
import torch


def show_fit(X, y, w, b, losses=()):
    """Show the data with the fitted line w * X + b, and the loss over the iterations."""
    with torch.no_grad():
        xs = torch.linspace(float(X.min()), float(X.max()), 2)
        line = float(w) * xs + float(b)
    fig, (data_ax, loss_ax) = plt.subplots(1, 2, figsize=(10, 3.5))
    data_ax.scatter(X.flatten(), y.flatten(), s=12, label="data")
    data_ax.plot(xs, line, color="C3", label=f"fit: w = {float(w):.3f}, b = {float(b):.3f}")
    data_ax.set(xlabel="X", ylabel="y", title="Data and fitted line")
    data_ax.legend()
    if len(losses):
        loss_ax.plot(range(1, len(losses) + 1), losses)
        loss_ax.set_yscale("log")
    else:
        loss_ax.text(0.5, 0.5, "append each step's loss to `losses`\nto see it here",
                     ha="center", va="center", transform=loss_ax.transAxes)
    loss_ax.set(xlabel="iteration", ylabel="mean squared error", title="Loss during training")
    fig.tight_layout()
    plt.show()
