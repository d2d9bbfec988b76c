"""Exercise 09 · manual gradient step (reference solution)."""

from typing import Iterable

import torch


def sgd_step(parameters: Iterable[torch.Tensor], lr: float) -> None:
    """One plain SGD step, ``p ← p − lr · p.grad``, then each used gradient set to None.

    The loop runs once, so a one-shot generator such as ``model.parameters()``
    works; the update happens in place under ``torch.no_grad()`` so every
    parameter stays the same leaf tensor and no autograd history is recorded.
    """
    if lr < 0:
        raise ValueError(f"lr must be non-negative, got {lr}")
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is None:
                continue
            parameter.add_(parameter.grad, alpha=-lr)
            parameter.grad = None
