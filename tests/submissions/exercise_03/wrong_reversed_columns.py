"""Mistake: counts classes from the right, putting the 1 in column num_classes - 1 - label.

Rejected by: argmax of each row gives the label back
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
    classes = torch.arange(num_classes - 1, -1, -1, device=labels.device)
    return (labels.unsqueeze(-1) == classes).long()
