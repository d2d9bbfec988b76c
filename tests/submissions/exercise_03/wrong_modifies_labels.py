"""Mistake: adds the class dimension with the in-place unsqueeze_, reshaping the caller's labels.

Rejected by: does not modify labels
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
    labels.unsqueeze_(-1)
    return (labels == torch.arange(num_classes, device=labels.device)).long()
