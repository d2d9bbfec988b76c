"""Correct: stacks one tensor per row, raises a ValueError subclass, and uses x[None] and x.to(dtype=...)."""
import torch


class BatchShapeError(ValueError):
    """The input cannot be a (batch, features) batch."""


def to_tensor(rows):
    if len(rows) == 0:
        raise BatchShapeError("no rows given")
    nested = isinstance(rows[0], (list, tuple))
    samples = rows if nested else [rows]
    lengths = [len(sample) for sample in samples]
    if 0 in lengths:
        raise BatchShapeError("empty rows are not allowed")
    if min(lengths) != max(lengths):
        raise BatchShapeError(f"ragged rows: lengths {lengths}")
    return torch.stack([torch.tensor(sample, dtype=torch.float32) for sample in samples])


def prepare_batch(x, in_features):
    if x.dim() == 0:
        raise BatchShapeError("a 0-D tensor has no features")
    if x.dim() > 2:
        raise BatchShapeError(f"{x.dim()} dims: expected (in_features,) or (batch, in_features)")
    if x.size(-1) != in_features:
        raise BatchShapeError(f"got {x.size(-1)} features, expected {in_features}")
    batch = x[None] if x.dim() == 1 else x
    return batch.to(dtype=torch.float32)
