"""Correct: computes with int64 tensors (exact up to 9e18) and converts the result with int()."""
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    counts = [p.numel() for p in model.parameters() if p.requires_grad or not trainable_only]
    return int(torch.tensor(counts, dtype=torch.int64).sum())


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2:
        raise ValueError("a stack needs at least two sizes")
    s = torch.tensor(sizes, dtype=torch.int64)
    if bool((s < 1).any()):
        raise ValueError("every size must be at least 1")
    total = (s[:-1] * s[1:]).sum() + (s[1:].sum() if bias else 0)
    return int(total)
