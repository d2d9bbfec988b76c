"""Mistake: converts every number to float by writing back into the caller's lists (row[i] = float(v)).

Rejected by: to_tensor does not modify rows
"""
import torch


def to_tensor(rows):
    if len(rows) == 0:
        raise ValueError("rows is empty")
    if not isinstance(rows[0], list):
        for i, value in enumerate(rows):
            rows[i] = float(value)
        return torch.tensor([rows])
    if any(len(row) == 0 for row in rows):
        raise ValueError("a row is empty")
    if len({len(row) for row in rows}) > 1:
        raise ValueError("rows differ in length")
    for row in rows:
        for i, value in enumerate(row):
            row[i] = float(value)
    return torch.tensor(rows)


def prepare_batch(x, in_features):
    if x.dim() == 0 or x.dim() > 2:
        raise ValueError(f"x must be 1-D or 2-D, got {x.dim()} dims")
    if x.shape[-1] != in_features:
        raise ValueError(f"expected {in_features} features, got {x.shape[-1]}")
    if x.dim() == 1:
        x = x.unsqueeze(0)
    return x.to(torch.float32)
