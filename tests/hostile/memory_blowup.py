"""Allocates 6 GB, more than the default 4 GB cap (torch.empty, so no page is touched even without one).

Outcome: failed
Says: ran out of memory
"""
import torch


def one_hot(labels, num_classes=None):
    hog = torch.empty(6 * 1024**3, dtype=torch.uint8)
    return hog[:1]
