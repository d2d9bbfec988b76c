"""Mistake: computes the closed form with NumPy and returns a numpy.int64.

Rejected by: returns a Python int
"""
import numpy as np
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    s = np.array(sizes, dtype=np.int64)
    weights = np.dot(s[:-1], s[1:])
    return weights + s[1:].sum() if bias else weights
