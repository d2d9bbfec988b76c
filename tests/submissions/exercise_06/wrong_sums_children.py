"""Mistake: adds up each child block's own count, so a layer used in two different sub-blocks counts twice.

Rejected by: counts each parameter once in nested, shared and tied models
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for block in model.children():
        total += sum(p.numel() for p in block.parameters() if p.requires_grad or not trainable_only)
    total += sum(p.numel() for p in model.parameters(recurse=False) if p.requires_grad or not trainable_only)
    return total


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
