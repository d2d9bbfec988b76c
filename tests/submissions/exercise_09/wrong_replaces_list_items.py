"""Mistake: writes new tensors into the caller's list instead of updating the parameters;
the model keeps the old ones (and a tuple or a generator cannot even be written to).

Rejected by: parameters stay the same leaf tensors with requires_grad=True
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    if not isinstance(parameters, list):
        parameters = list(parameters)
        with torch.no_grad():
            for p in parameters:
                if p.grad is not None:
                    p -= lr * p.grad
                    p.grad = None
        return None
    for i, p in enumerate(parameters):
        if p.grad is not None:
            parameters[i] = (p - lr * p.grad).detach().requires_grad_()
            p.grad = None
