"""Mistake: assumes every parameter has a gradient; `lr * None` raises TypeError.

Rejected by: parameters without a gradient are left untouched
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    with torch.no_grad():
        for p in parameters:
            p -= lr * p.grad
            p.grad = None
