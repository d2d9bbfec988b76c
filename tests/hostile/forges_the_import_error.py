"""Sends the grader a forged handshake whose exception description is not plain data, then exits.

Outcome: crashed
Says: malformed
"""
import gc
import json
import os
import struct
from multiprocessing.connection import Connection

# The grader's wire format: a JSON header, then the tensors' bytes.
header = json.dumps({"message": {"import_error": {"type_name": {"$tensor": 0}, "bases": "x" * 10_000_000}},
                     "tensors": [["float32", [3]]]}).encode()
blob = struct.pack("<4sI", b"TKW1", len(header)) + header + bytes(12)
for obj in gc.get_objects():
    if type(obj) is Connection:
        try:
            obj.send_bytes(blob)
        except OSError:
            pass
os._exit(0)
