"""Mistake: updates in one loop and clears the gradients in a second loop; with a one-shot
generator such as model.parameters() the second loop sees nothing.

Rejected by: gradients are zeroed or set to None afterwards
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p.sub_(lr * p.grad)
    for p in parameters:
        if p.grad is not None:
            p.grad.zero_()
