"""Ignores SIGTERM and SIGINT, then loops forever inside the function.

Outcome: timeout
"""
import signal


def one_hot(labels, num_classes=None):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        pass
