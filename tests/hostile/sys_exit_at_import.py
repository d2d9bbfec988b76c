"""Calls sys.exit(0) while the file is imported.

Outcome: error
"""
import sys

sys.exit(0)


def one_hot(labels, num_classes=None):
    return labels
