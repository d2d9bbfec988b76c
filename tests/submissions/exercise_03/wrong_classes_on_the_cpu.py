"""Mistake: builds the class indices on the CPU, so labels on a GPU meet them on another device.

Rejected by: the result is on the labels' device
"""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels: give num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and (int(labels.min()) < 0 or int(labels.max()) >= num_classes):
        raise ValueError("a label is outside [0, num_classes)")
    return (labels.unsqueeze(-1) == torch.arange(num_classes)).long()
