"""Imported by the worker forkserver only: torch's lazy first-use costs, paid once for every worker.

The first operation on a meta tensor (the checks that a result stays on its
inputs' device run the student's code on PyTorch's ``meta`` device) imports
``torch._dynamo`` and registers torch's Python decompositions: about two
seconds that every worker forked before it would pay again. Meta tensors
hold no data, so this computes nothing and starts no thread pool: forking
stays safe.
"""

import torch

_rows = torch.zeros(2, 3, device="meta")
(_rows * 2 + 1).exp().sum(-1)
(torch.arange(2, device="meta").reshape(-1, 1) == torch.arange(3, device="meta")).long()
del _rows
