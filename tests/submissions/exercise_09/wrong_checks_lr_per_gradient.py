"""Mistake: checks lr inside the loop, only once a parameter with a gradient comes up; with no
parameters, or none with a gradient, a negative lr passes without a ValueError.

Rejected by: raises ValueError for a negative lr
"""
import torch


def sgd_step(parameters, lr):
    with torch.no_grad():
        for p in parameters:
            if p.grad is None:
                continue
            if lr < 0:
                raise ValueError(f"lr must not be negative, got {lr}")
            p -= lr * p.grad
            p.grad = None
