"""Mistake: returns an empty result for empty labels before validating num_classes, so one_hot(empty, 0)
gives a (0, 0) tensor instead of raising ValueError.

Rejected by: raises ValueError for invalid labels or num_classes
"""
import torch


def one_hot(labels, num_classes=None):
    if labels.numel() == 0:
        if num_classes is None:
            raise ValueError("empty labels: pass num_classes")
        return torch.zeros(*labels.shape, num_classes, dtype=torch.int64, device=labels.device)
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, got {num_classes}")
    if int(labels.min()) < 0 or int(labels.max()) >= num_classes:
        raise ValueError(f"labels must lie in [0, {num_classes})")
    return (labels.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).to(torch.int64)
