"""Correct: `p -= lr * p.grad` under torch.no_grad(), gradients set to None."""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError(f"learning rate must be >= 0, got {lr}")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p -= lr * p.grad
                p.grad = None
