"""Mistake: vectorises the closed form in a float32 tensor, which cannot hold counts in the trillions exactly.

Rejected by: answers at once for sizes in the millions
"""
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    s = torch.tensor(sizes, dtype=torch.float32)
    total = (s[:-1] * s[1:]).sum()
    if bias:
        total = total + s[1:].sum()
    return int(total)
