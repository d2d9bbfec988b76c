"""Writes a forged reply straight into the pipe to the grader: a tensor claiming 8 TB over 8 bytes of data.

Outcome: crashed
Says: malformed
"""
import gc
import json
import os
import struct
from multiprocessing.connection import Connection


def _send(message, payload):
    header = json.dumps({"message": message, "tensors": [["int64", [2**40]]]}).encode()
    blob = struct.pack("<4sI", b"TKW1", len(header)) + header + payload  # the grader's wire format
    for obj in gc.get_objects():
        if type(obj) is Connection:
            try:
                obj.send_bytes(blob)
            except OSError:
                pass
    os._exit(0)


def one_hot(labels, num_classes=None):
    tensor = {"kind": "tensor", "data": {"$tensor": 0}, "device": "cpu", "requires_grad": False,
              "has_grad_fn": False, "is_parameter": False, "strides": None}
    _send({"observed": {"kind": "dict", "items": [["returned", tensor], ["mutated", {"kind": "list", "items": []}]]}},
          bytes(8))
