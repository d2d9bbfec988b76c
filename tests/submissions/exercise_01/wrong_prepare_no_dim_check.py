"""Mistake: checks only the last dimension: a 0-D x fails with IndexError and a 3-D x is returned as 3-D.

Rejected by: prepare_batch raises ValueError for a 0-D tensor or more than 2 dims
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
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
