"""Mistake: never checks the inputs; a column x broadcasts against y into a square prediction.

Rejected by: raises ValueError for inputs that are not 1-D of equal length
"""
import torch


def fit_line(x, y, lr, epochs):
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
