"""Mistake: returns the updated parameters instead of None.

Rejected by: returns None
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    updated = []
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p -= lr * p.grad
                p.grad = None
            updated.append(p)
    return updated
