"""Exercise 01 · tensors (reference solution)."""

import torch


def to_tensor(rows: list) -> torch.Tensor:
    """Turn a list of numbers, or a list of equal-length lists, into a float32 ``(n_samples, n_features)`` batch."""
    if len(rows) == 0:
        raise ValueError("rows is empty: give at least one number or one row")
    if not any(isinstance(row, (list, tuple)) for row in rows):
        rows = [rows]  # one sample given as a flat list of features
    widths = [len(row) for row in rows]
    if min(widths) == 0:
        raise ValueError(f"row {widths.index(0)} is empty: every sample needs at least one feature")
    if len(set(widths)) > 1:
        raise ValueError(f"rows differ in length {widths}: every sample needs the same number of features")
    return torch.tensor(rows, dtype=torch.float32)


def prepare_batch(x: torch.Tensor, in_features: int) -> torch.Tensor:
    """Return ``x`` as a float32 ``(batch, in_features)`` batch on its own device."""
    if x.dim() not in (1, 2):
        raise ValueError(f"x must have 1 or 2 dimensions (features, or batch x features), "
                         f"got {x.dim()} dimensions with shape {tuple(x.shape)}")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features in the last dimension, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
