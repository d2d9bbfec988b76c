"""Correct: walks named_parameters() (which skips repeats) and uses an explicit loop for the closed form."""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for _, parameter in model.named_parameters():
        if trainable_only and not parameter.requires_grad:
            continue
        total += parameter.numel()
    return total


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2:
        raise ValueError(f"expected at least two sizes, got {len(sizes)}")
    for size in sizes:
        if size < 1:
            raise ValueError(f"sizes must be positive, got {size}")
    total = 0
    for i in range(len(sizes) - 1):
        total += sizes[i] * sizes[i + 1]
        if bias:
            total += sizes[i + 1]
    return total
