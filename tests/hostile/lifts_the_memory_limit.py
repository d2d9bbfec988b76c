"""Raises its own memory and file-size limits back to unlimited (works for root with capabilities), then allocates 6 GB.

Outcome: failed
Says: ran out of memory
"""
import resource

import torch

for limit in (resource.RLIMIT_AS, resource.RLIMIT_FSIZE):
    try:
        resource.setrlimit(limit, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        pass


def one_hot(labels, num_classes=None):
    hog = torch.empty(6 * 1024**3, dtype=torch.uint8)
    return hog[:1]
