"""Mistake: computes the least-squares line in closed form with sums; gradient descent has not reached it after a finite number of epochs.

Rejected by: matches the reference's gradient descent
"""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError("x and y must be 1-D tensors of equal length")
    n = len(x)
    sx, sy, sxx, sxy = x.sum(), y.sum(), (x * x).sum(), (x * y).sum()
    denominator = n * sxx - sx * sx
    w = (n * sxy - sx * sy) / denominator if denominator != 0 else torch.zeros(())
    b = (sy - w * sx) / n
    return float(w), float(b)
