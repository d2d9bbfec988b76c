"""Mistake: calls the forbidden torch.nn.functional.one_hot under an alias.

Rejected by: uses no forbidden names
"""
import torch
from torch.nn import functional as fn


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    return fn.one_hot(labels, num_classes)
