"""Exercise 06 · parameter counting (reference solution)."""

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Count scalar parameters; ``model.parameters()`` yields a shared parameter only once."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    """Count the stack's parameters from the sizes alone: ``n_in * n_out`` weights (+ ``n_out`` biases) per layer."""
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"a stack of Linear layers needs at least two sizes, got {sizes}")
    if any(size < 1 for size in sizes):
        raise ValueError(f"every size must be at least 1, got {sizes}")
    return sum(n_in * n_out + (n_out if bias else 0) for n_in, n_out in zip(sizes, sizes[1:]))
