"""Starts a setsid daemon, a double-forked detached child, and a setsid child with an empty environment (no token).

Outcome: passed
"""
import os
import subprocess

import torch

MARKER = "4242.5"


def _spawn_daemons():
    subprocess.Popen(["setsid", "sleep", MARKER], start_new_session=True)
    subprocess.Popen(["/bin/sleep", MARKER], start_new_session=True, env={})
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", MARKER])
        os._exit(0)


_spawn_daemons()


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels need num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError("num_classes must be at least 1")
    if labels.numel() and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    return (labels.unsqueeze(-1) == torch.arange(num_classes, device=labels.device)).long()
