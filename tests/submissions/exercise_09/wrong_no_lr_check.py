"""Mistake: accepts a negative lr, which would climb the loss.

Rejected by: raises ValueError for a negative lr
"""
import torch


def sgd_step(parameters, lr):
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p -= lr * p.grad
                p.grad = None
