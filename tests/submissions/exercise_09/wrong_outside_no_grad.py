"""Mistake: updates in place without torch.no_grad(), which torch refuses for a leaf that requires grad.

Rejected by: matches one torch.optim.SGD step
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    for p in parameters:
        if p.grad is not None:
            p -= lr * p.grad
            p.grad = None
