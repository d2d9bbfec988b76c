"""Mistake: wraps every list as [rows], so a flat list is one row but a batch gains an extra dimension.

Rejected by: a flat list is one sample: it becomes one row
"""
import torch


def to_tensor(rows):
    if len(rows) == 0:
        raise ValueError("rows is empty")
    if isinstance(rows[0], list):
        if any(len(row) == 0 for row in rows):
            raise ValueError("a row is empty")
        if len({len(row) for row in rows}) > 1:
            raise ValueError("rows differ in length")
    return torch.tensor([rows], dtype=torch.float32)


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
