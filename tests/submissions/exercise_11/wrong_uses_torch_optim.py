"""Mistake: lets torch.optim.SGD do the update the exercise asks to write by hand.

Rejected by: uses no forbidden names
"""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError("x and y must be 1-D tensors of equal length")
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        optimizer.step()
    return w.item(), b.item()
