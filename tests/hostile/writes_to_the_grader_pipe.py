"""Writes forged replies straight into the pipe to the grader: a zero-stride tensor claiming 8 TB, then a malformed error.

Outcome: crashed
Says: malformed
"""
import gc
import io
import os
from multiprocessing.connection import Connection

import torch


def _send(message):
    buffer = io.BytesIO()
    torch.save(message, buffer)
    for obj in gc.get_objects():
        if type(obj) is Connection:
            try:
                obj.send_bytes(buffer.getvalue())
            except OSError:
                pass
    os._exit(0)


def one_hot(labels, num_classes=None):
    bomb = torch.zeros(1, dtype=torch.int64).expand(2**40)
    tensor = {"kind": "tensor", "data": bomb, "device": "cpu", "requires_grad": False,
              "has_grad_fn": False, "is_parameter": False, "strides": None}
    _send({"observed": {"kind": "dict", "items": [["returned", tensor], ["mutated", {"kind": "list", "items": []}]]}})
