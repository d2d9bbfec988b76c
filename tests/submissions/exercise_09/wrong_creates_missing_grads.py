"""Mistake: clears gradients with p.grad = torch.zeros_like(p) for every parameter, giving a
gradient to those that had none.

Rejected by: parameters without a gradient are left untouched
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p -= lr * p.grad
            p.grad = torch.zeros_like(p)
