"""Mistake: returns a float32 one-hot instead of int64.

Rejected by: matches F.one_hot
"""
import torch
def one_hot(labels, num_classes=None):
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    return (labels.unsqueeze(-1) == torch.arange(num_classes)).float()
