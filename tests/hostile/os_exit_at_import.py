"""Calls os._exit(0) while the file is imported.

Outcome: crashed
"""
import os

os._exit(0)


def one_hot(labels, num_classes=None):
    return labels
