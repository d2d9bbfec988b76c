"""Mistake: never raises ValueError for negative or too-large labels.

Rejected by: raises ValueError for invalid labels or num_classes
"""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = int(labels.max()) + 1
    return (labels.unsqueeze(-1) == torch.arange(num_classes)).long()
