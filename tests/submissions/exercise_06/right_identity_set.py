"""Correct: de-duplicates parameters by identity itself while looping over the layers; math.prod of shapes."""
import math

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    seen = set()
    total = 0
    for layer in model.modules():
        for parameter in layer.parameters(recurse=False):
            if id(parameter) in seen or (trainable_only and not parameter.requires_grad):
                continue
            seen.add(id(parameter))
            total += math.prod(parameter.shape)
    return total


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or any(size < 1 for size in sizes):
        raise ValueError("linear_stack_parameters needs two or more sizes, all at least 1")
    weights = sum(math.prod(pair) for pair in zip(sizes, sizes[1:]))
    return weights + (sum(sizes[1:]) if bias else 0)
