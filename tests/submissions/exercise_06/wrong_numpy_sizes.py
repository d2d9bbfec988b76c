"""Mistake: takes each parameter's size through NumPy, which needs its values on the CPU: a model on a GPU raises.

Rejected by: counts each parameter once in nested, shared and tied models
"""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(int(p.detach().numpy().size) for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
