"""Mistake: counts weight and bias of every Linear in model.modules(): a weight tied between two layers counts
twice, and other layers' parameters (BatchNorm's) not at all.

Rejected by: counts each parameter once in nested, shared and tied models
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for layer in model.modules():
        if isinstance(layer, nn.Linear):
            for p in (layer.weight, layer.bias):
                if p is not None and (p.requires_grad or not trainable_only):
                    total += p.numel()
    return total


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
