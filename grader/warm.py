"""Imported by the worker forkserver only: torch's lazy first-use costs, paid once for every worker.

The first operations on meta tensors (the checks that a result stays on its
inputs' device run the student's code on PyTorch's ``meta`` device) register
torch's Python decompositions: a few tenths of a second that every worker
forked before it would pay again. ``torch._dynamo``, which they would also
import, is deferred (:mod:`grader.deferred_dynamo`). Meta tensors hold no
data, so this computes nothing and starts no thread pool: forking stays safe.
"""

import torch

from grader import deferred_dynamo

deferred_dynamo.install()
_rows = torch.zeros(2, 3, device="meta")
(_rows * 2 + 1).exp().sum(-1)
(torch.arange(2, device="meta").reshape(-1, 1) == torch.arange(3, device="meta")).long()
del _rows
