"""Correct: zeroes the gradients at the start of each epoch and updates with sub_ under no_grad."""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.size(0) != y.size(0):
        raise ValueError("x and y must be 1-D tensors of the same length")
    w = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    b = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        for p in (w, b):
            if p.grad is not None:
                p.grad.zero_()
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w.sub_(lr * w.grad)
            b.sub_(lr * b.grad)
    return (w.item(), b.item())
