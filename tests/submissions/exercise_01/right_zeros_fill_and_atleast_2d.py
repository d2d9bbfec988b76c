"""Correct: fills a float32 zeros tensor value by value; prepare_batch uses torch.atleast_2d and .type(torch.float32)."""
import torch


def to_tensor(rows):
    if len(rows) == 0:
        raise ValueError("rows must not be empty")
    if not isinstance(rows[0], list):
        rows = [rows]
    n_features = len(rows[0])
    if n_features == 0:
        raise ValueError("rows must not be empty lists")
    out = torch.zeros(len(rows), n_features, dtype=torch.float32)
    for i, row in enumerate(rows):
        if len(row) != n_features:
            raise ValueError(f"expected {n_features} numbers in row {i}, got {len(row)}")
        for j, value in enumerate(row):
            out[i, j] = value
    return out


def prepare_batch(x, in_features):
    if not 1 <= x.dim() <= 2:
        raise ValueError("x must have shape (in_features,) or (batch, in_features)")
    if x.shape[-1] != in_features:
        raise ValueError(f"last dimension is {x.shape[-1]}, expected {in_features}")
    return torch.atleast_2d(x).type(torch.float32)
