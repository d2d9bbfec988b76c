"""Mistake: takes the width from the first row and pads shorter rows with zeros instead of raising.

Rejected by: to_tensor raises ValueError for an empty list, an empty row or ragged rows
"""
import torch


def to_tensor(rows):
    if len(rows) == 0:
        raise ValueError("rows is empty")
    if not isinstance(rows[0], list):
        rows = [rows]
    width = max(len(row) for row in rows)
    if width == 0 or any(len(row) == 0 for row in rows):
        raise ValueError("a row is empty")
    out = torch.zeros(len(rows), width)
    for i, row in enumerate(rows):
        out[i, :len(row)] = torch.tensor(row, dtype=torch.float32)
    return out


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
