"""Mistake: turns requires_grad off to update the parameter and never turns it back on.

Rejected by: parameters stay the same leaf tensors with requires_grad=True
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    for p in parameters:
        if p.grad is not None:
            p.requires_grad_(False)
            p -= lr * p.grad
            p.grad = None
