"""Mistake: starts the running total at 0.0, so the count comes back as a float.

Rejected by: returns a Python int
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    total = 0.0
    for n_in, n_out in zip(sizes, sizes[1:]):
        total += n_in * n_out
        if bias:
            total += n_out
    return total
