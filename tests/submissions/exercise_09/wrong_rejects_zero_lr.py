"""Mistake: raises ValueError for lr=0, which is allowed (the step then changes nothing but
still clears the gradients).

Rejected by: matches one torch.optim.SGD step
"""
import torch


def sgd_step(parameters, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p -= lr * p.grad
                p.grad = None
