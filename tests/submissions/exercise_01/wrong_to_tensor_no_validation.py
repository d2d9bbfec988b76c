"""Mistake: no checks of its own: an empty list fails with IndexError and an empty row gives shape (1, 0).

Rejected by: to_tensor raises ValueError for an empty list, an empty row or ragged rows
"""
import torch


def to_tensor(rows):
    if not isinstance(rows[0], list):
        rows = [rows]
    return torch.tensor(rows, dtype=torch.float32)


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
