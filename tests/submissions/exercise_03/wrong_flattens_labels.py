"""Mistake: flattens the labels, so a batch of sequences or a 0-D label gets the wrong shape.

Rejected by: matches F.one_hot
"""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    out = torch.zeros(labels.numel(), num_classes, dtype=torch.int64)
    out[torch.arange(labels.numel()), labels.reshape(-1)] = 1
    return out
