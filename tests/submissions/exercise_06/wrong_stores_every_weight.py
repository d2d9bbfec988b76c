"""Mistake: writes every weight down, one row tensor at a time, and counts what it wrote.

Right for small sizes; for sizes in the millions the memory grows by 40 MB a row until the
worker's memory cap stops it (the allocation fails) -- or, where no cap applies, the grader's
time limit does: a failed check either way, never a dead grader.

Rejected by: answers at once for sizes in the millions
"""
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    total = 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        rows = [torch.ones(n_in) for _ in range(n_out)]
        total += sum(row.numel() for row in rows)
        if bias:
            total += torch.ones(n_out).numel()
    return total
