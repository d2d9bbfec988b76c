"""Mistake: only compares the lengths, so 2-D inputs of equal length pass and a 0-D input raises TypeError.

Rejected by: raises ValueError for inputs that are not 1-D of equal length
"""
import torch


def fit_line(x, y, lr, epochs):
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
