"""Correct: p.add_(p.grad, alpha=-lr) under torch.no_grad(), each gradient zeroed in place with zero_()."""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError(f"lr must be >= 0, got {lr}")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
                p.grad.zero_()
