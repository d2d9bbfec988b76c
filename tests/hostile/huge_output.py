"""Prints about 200 MB while computing a correct answer: output is capped, the verdict is unaffected.

Outcome: passed
"""
import torch

LINE = "x" * 1000


def one_hot(labels, num_classes=None):
    for _ in range(2000):
        print(LINE)
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    return (labels.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).long()
