"""Mistake: counts parameter tensors (len(list(model.parameters()))) instead of the scalars inside them.

Rejected by: counts every parameter of a model
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return len([p for p in model.parameters() if p.requires_grad or not trainable_only])


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
