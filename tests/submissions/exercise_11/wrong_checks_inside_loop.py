"""Mistake: checks the shapes inside the loop, against the first prediction; with epochs=0 the loop never
runs and invalid inputs are accepted without a ValueError.

Rejected by: raises ValueError for inputs that are not 1-D of equal length
"""
import torch


def fit_line(x, y, lr, epochs):
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for epoch in range(epochs):
        pred = w * x + b
        if pred.dim() != 1 or pred.shape != y.shape:
            raise ValueError(f"x and y must be 1-D of equal length, got {tuple(x.shape)} and {tuple(y.shape)}")
        loss = ((pred - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
