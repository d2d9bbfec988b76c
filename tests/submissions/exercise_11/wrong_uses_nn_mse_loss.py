"""Mistake: lets torch.nn.functional.mse_loss compute the loss the exercise asks to write by hand.

Rejected by: uses no forbidden names
"""
import torch
import torch.nn.functional as F


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError("x and y must be 1-D tensors of equal length")
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        loss = F.mse_loss(w * x + b, y)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
