"""Allocates far more memory than the cap allows.

Outcome: failed
Says: ran out of memory
"""
import torch


def one_hot(labels, num_classes=None):
    hog = torch.ones(64 * 1024**3, dtype=torch.uint8)
    return hog
