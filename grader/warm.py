"""Imported last by the worker forkserver: what every forked worker would otherwise pay again.

The first operations on meta tensors (the checks that a result stays on its
inputs' device run the student's code on PyTorch's ``meta`` device) register
torch's Python decompositions: a few tenths of a second that every worker
forked before it would pay again. ``torch._dynamo``, ``sympy`` and
``torch.fx.experimental.symbolic_shapes``, which they would also import, are
deferred (:mod:`grader.worker` installs :mod:`grader.deferred` before
anything else runs). Meta tensors hold no data, so this computes nothing and
starts no thread pool: forking stays safe.

Then every object the imports made is frozen out of the garbage collector:
a forked worker shares the forkserver's memory until it writes to it, and a
collection that walks those objects writes to every page they lie on. With
torchvision preloaded that copying made each worker's start ten times
slower (about 200 ms instead of 20).
"""

import gc

import torch

import grader.worker  # first: it defers torch._dynamo, sympy, symbolic_shapes

_rows = torch.zeros(2, 3, device="meta")
(_rows * 2 + 1).exp().sum(-1)
(torch.arange(2, device="meta").reshape(-1, 1) == torch.arange(3, device="meta")).long()
del _rows
grader.worker.prepare_forkserver()
gc.freeze()
