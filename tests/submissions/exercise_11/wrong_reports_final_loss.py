"""Mistake: prints the final loss after the loop; with epochs=0 no loss was ever computed and the
name loss is unbound (UnboundLocalError) instead of returning the start (0.0, 0.0).

Rejected by: matches the reference's gradient descent
"""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or len(x) != len(y):
        raise ValueError("x and y must be 1-D and of equal length")
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    for epoch in range(epochs):
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    print(f"after {epochs} epochs: loss {loss.item():.4f}")
    return w.item(), b.item()
