"""Correct: the notes' float32 start torch.tensor(0.0, requires_grad=True), even for float64 data."""
import torch


def fit_line(x, y, lr, epochs):
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("x and y must be 1-D")
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    for epoch in range(epochs):
        pred = w * x + b
        loss = torch.mean((pred - y) ** 2)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
    return w.item(), b.item()
