"""Correct: builds float rows by hand (torch's default dtype is float32) and uses x.float() with x.reshape(1, -1)."""
import torch


def to_tensor(rows):
    if not rows:
        raise ValueError("to_tensor needs at least one number")
    if all(isinstance(value, (bool, int, float)) for value in rows):
        rows = [rows]
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) == 0:
            raise ValueError(f"row {i} is empty")
        if len(row) != width:
            raise ValueError(f"row {i} has {len(row)} numbers, row 0 has {width}")
    return torch.tensor([[float(value) for value in row] for row in rows])


def prepare_batch(x, in_features):
    if x.ndim not in (1, 2):
        raise ValueError(f"expected a 1-D or 2-D tensor, got shape {tuple(x.shape)}")
    width = x.shape[-1]
    if width != in_features:
        raise ValueError(f"x has {width} features but the model expects {in_features}")
    if x.ndim == 1:
        x = x.reshape(1, -1)
    return x.float()
