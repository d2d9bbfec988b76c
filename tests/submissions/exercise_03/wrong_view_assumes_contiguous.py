"""Mistake: flattens with .view(-1), which fails on a transposed (non-contiguous) batch of labels.

Rejected by: matches F.one_hot
"""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels: give num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    flat = labels.view(-1)  # .reshape(-1) would copy when it must
    if flat.numel() and (int(flat.min()) < 0 or int(flat.max()) >= num_classes):
        raise ValueError("a label is outside [0, num_classes)")
    rows = (flat.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).to(torch.int64)
    return rows.view(*labels.shape, num_classes)
