"""Mistake: counts the entries of state_dict (each object once), which also holds buffers such as BatchNorm's
running statistics: they are not parameters.

Rejected by: counts each parameter once in nested, shared and tied models
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    if trainable_only:
        return sum(p.numel() for p in model.parameters() if p.requires_grad)
    sizes = {id(tensor): tensor.numel() for tensor in model.state_dict(keep_vars=True).values()}
    return sum(sizes.values())


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
