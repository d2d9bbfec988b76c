"""Mistake: builds a float64 tensor (torch.tensor(rows, dtype=torch.float64)) instead of float32.

Rejected by: to_tensor returns a float32 (n_samples, n_features) tensor
"""
import torch


def to_tensor(rows):
    if len(rows) == 0:
        raise ValueError("rows is empty")
    if not isinstance(rows[0], list):
        rows = [rows]
    if any(len(row) == 0 for row in rows):
        raise ValueError("a row is empty")
    if len({len(row) for row in rows}) > 1:
        raise ValueError("rows differ in length")
    return torch.tensor(rows, dtype=torch.float64)


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
