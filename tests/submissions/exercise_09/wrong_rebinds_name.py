"""Mistake: `p = p - lr * p.grad` only rebinds the loop variable; no parameter changes.

Rejected by: matches one torch.optim.SGD step
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    for p in parameters:
        if p.grad is not None:
            grad = p.grad
            p = p - lr * grad
            grad.zero_()
