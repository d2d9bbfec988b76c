"""Dereferences a null pointer inside the function (a segmentation fault).

Outcome: crashed
"""
import ctypes


def one_hot(labels, num_classes=None):
    return ctypes.string_at(0)
