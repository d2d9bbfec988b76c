"""Dereferences a null pointer while the file is imported.

Outcome: crashed
"""
import ctypes

ctypes.string_at(0)


def one_hot(labels, num_classes=None):
    return labels
