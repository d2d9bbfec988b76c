"""Sends the grader a forged handshake whose exception description is not plain data, then exits.

Outcome: crashed
Says: malformed
"""
import gc
import io
import os
from multiprocessing.connection import Connection

import torch

buffer = io.BytesIO()
torch.save({"import_error": {"type_name": torch.zeros(3), "bases": "x" * 10_000_000}}, buffer)
for obj in gc.get_objects():
    if type(obj) is Connection:
        try:
            obj.send_bytes(buffer.getvalue())
        except OSError:
            pass
os._exit(0)
