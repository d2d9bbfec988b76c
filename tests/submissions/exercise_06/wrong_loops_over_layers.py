"""Mistake: loops over the layers of the Sequential, so a layer used twice is counted twice.

Rejected by: counts a shared layer once
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for layer in model:
        for p in layer.parameters():
            if p.requires_grad or not trainable_only:
                total += p.numel()
    return total


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
