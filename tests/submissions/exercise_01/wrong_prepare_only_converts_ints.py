"""Mistake: converts only integer and bool inputs; a float64 (or float16) x keeps its dtype.

Rejected by: prepare_batch returns a float32 (batch, in_features) tensor
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
    return torch.tensor(rows, dtype=torch.float32)


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    if not x.is_floating_point():
        x = x.float()
    return x
