"""Mistake: infers num_classes as labels.max() instead of labels.max() + 1.

Rejected by: matches F.one_hot
"""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = max(int(labels.max()), 1)
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and labels.min() < 0:
        raise ValueError("negative label")
    return (labels.unsqueeze(-1) == torch.arange(num_classes)).long()
