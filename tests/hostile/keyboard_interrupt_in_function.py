"""Raises KeyboardInterrupt inside the function, as if Ctrl-C were pressed.

Outcome: failed
"""


def one_hot(labels, num_classes=None):
    raise KeyboardInterrupt
