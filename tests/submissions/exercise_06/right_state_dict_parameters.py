"""Correct: the entries of state_dict(keep_vars=True) that are parameters (buffers are not), each object once."""
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    sizes = {id(t): t.numel() for t in model.state_dict(keep_vars=True).values()
             if isinstance(t, nn.Parameter) and (t.requires_grad or not trainable_only)}
    return sum(sizes.values())


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("need at least two sizes, each at least 1")
    per_layer = [n_in * n_out + (n_out if bias else 0) for n_in, n_out in zip(sizes, sizes[1:])]
    return sum(per_layer)
