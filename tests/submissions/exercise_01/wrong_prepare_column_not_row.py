"""Mistake: reshapes a 1-D x with x.reshape(-1, 1): n samples of one feature instead of one sample of n.

Rejected by: a 1-D tensor becomes a batch of one
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
    return x.reshape(-1, 1).float() if x.dim() == 1 else x.float()
