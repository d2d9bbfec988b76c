"""Mistake: adds the sizes up with functools.reduce and no start value: a model without parameters (or with
all of them frozen, counting trainable ones) leaves nothing to reduce, and reduce raises TypeError.

Rejected by: counts every parameter of a model
"""
from functools import reduce
from operator import add

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return reduce(add, (p.numel() for p in model.parameters() if p.requires_grad or not trainable_only))


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
