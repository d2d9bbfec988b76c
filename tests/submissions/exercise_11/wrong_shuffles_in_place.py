"""Mistake: shuffles the caller's x and y in place every epoch (pointless for one full batch).

Rejected by: leaves x and y unchanged
"""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError("x and y must be 1-D tensors of equal length")
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        order = torch.randperm(len(x))
        x[:] = x[order]
        y[:] = y[order]
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
