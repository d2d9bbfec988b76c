"""Mistake: reads the width from the first row, len(x[0]): an empty batch has no first row (IndexError).

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
    if x.dim() not in (1, 2):
        raise ValueError(f"x must have 1 or 2 dimensions, got {x.dim()}")
    width = len(x) if x.dim() == 1 else len(x[0])
    if width != in_features:
        raise ValueError(f"expected {in_features} features, got {width}")
    return x.reshape(-1, width).to(torch.float32)
