"""Mistake: never raises ValueError: one size gives 0 and a size of 0 or below is counted as if valid.

Rejected by: raises ValueError for fewer than two sizes or a size below 1
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    return sum(n_in * n_out + (n_out if bias else 0) for n_in, n_out in zip(sizes, sizes[1:]))
