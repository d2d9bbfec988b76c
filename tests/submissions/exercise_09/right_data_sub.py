"""Correct: updates through p.data (no history recorded, same object) and zeroes the gradients."""


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError("negative learning rate")
    for p in parameters:
        if p.grad is None:
            continue
        p.data.sub_(lr * p.grad)
        p.grad.zero_()
