"""Mistake: counts the weights one by one in nested loops: right, but far too slow for sizes in the millions.

Rejected by: answers at once for sizes in the millions
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    total = 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        for _ in range(n_out):
            for _ in range(n_in):
                total += 1
            if bias:
                total += 1
    return total
