"""Mistake: adds the sizes up in a tensor and returns the tensor, not a Python int.

Rejected by: returns a Python int
"""
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    sizes = [p.numel() for p in model.parameters() if p.requires_grad or not trainable_only]
    return torch.tensor(sizes, dtype=torch.int64).sum()


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    return sum(a * b + (b if bias else 0) for a, b in zip(sizes, sizes[1:]))
