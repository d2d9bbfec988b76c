"""Correct: assigns a new value through p.data, which keeps p the same leaf object with
requires_grad=True and records no history."""


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError(f"lr must be >= 0, not {lr}")
    for p in parameters:
        if p.grad is not None:
            p.data = p.data - lr * p.grad
            p.grad = None
