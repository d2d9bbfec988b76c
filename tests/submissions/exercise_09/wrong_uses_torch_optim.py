"""Mistake: lets torch.optim.SGD do the step the exercise asks to write.

Rejected by: uses no forbidden names
"""
import torch


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    parameters = list(parameters)
    if not parameters:
        return None
    optimizer = torch.optim.SGD(parameters, lr=lr)
    optimizer.step()
    optimizer.zero_grad()
    return None
