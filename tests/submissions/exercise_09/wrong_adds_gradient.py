"""Mistake: steps along the gradient (p + lr * grad) instead of against it.

Rejected by: matches one torch.optim.SGD step
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p += lr * p.grad
                p.grad = None
