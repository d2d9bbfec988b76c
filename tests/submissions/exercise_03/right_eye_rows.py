"""Correct: picks rows of an identity matrix (torch.eye is allowed)."""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("cannot infer num_classes from no labels")
        num_classes = labels.max().item() + 1
    if num_classes < 1:
        raise ValueError("num_classes must be >= 1")
    if labels.numel() > 0 and (labels.min().item() < 0 or labels.max().item() >= num_classes):
        raise ValueError(f"labels must be in [0, {num_classes})")
    return torch.eye(num_classes, dtype=torch.int64, device=labels.device)[labels]
