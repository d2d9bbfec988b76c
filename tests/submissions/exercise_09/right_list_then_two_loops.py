"""Correct: makes a list first, so two loops (update, then clear) work for a generator too;
copy_ under no_grad writes the new values into the same tensors."""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError(f"lr={lr} is negative")
    params = [p for p in list(parameters) if p.grad is not None]
    with torch.no_grad():
        for p in params:
            p.copy_(p - lr * p.grad)
    for p in params:
        p.grad.detach_()
        p.grad.zero_()
