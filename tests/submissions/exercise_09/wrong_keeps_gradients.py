"""Mistake: never clears the gradients, so the next backward adds to them.

Rejected by: gradients are zeroed or set to None afterwards
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
