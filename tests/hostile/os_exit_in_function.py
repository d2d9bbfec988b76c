"""Calls os._exit(0) inside the function: the process vanishes without cleanup.

Outcome: crashed
"""
import os


def one_hot(labels, num_classes=None):
    os._exit(0)
