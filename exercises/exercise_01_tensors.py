"""Exercise 01 · tensors

A model does not take Python lists: it takes a batch, a 2-D float32 tensor
with one row per sample and one column per feature. Data arrives as lists
of numbers, or as tensors of some other dtype or with no batch dimension,
and has to be brought into that shape first.

Task
----
Write ``to_tensor(rows)``:

* ``rows`` is a list of numbers (one sample) or a list of equal-length
  lists of numbers (a batch); ints and bools count as numbers;
* return a **float32** tensor of shape ``(n_samples, n_features)``; a flat
  list becomes shape ``(1, len(rows))``;
* raise ``ValueError`` (with a message) if ``rows`` is empty, if any row is
  empty, or if the rows differ in length.

Write ``prepare_batch(x, in_features)``:

* ``x`` is a tensor of shape ``(in_features,)`` or ``(batch, in_features)``
  of any real, integer or bool dtype;
* return a **float32** tensor of shape ``(batch, in_features)`` on ``x``'s
  device; a 1-D ``x`` becomes a batch of one; never modify ``x``;
* raise ``ValueError`` when ``x`` is 0-D or has more than 2 dimensions, and
  a ``ValueError`` whose message contains both the expected and the actual
  width when the last dimension is not ``in_features``.

Worked example (course notes)
-----------------------------
>>> to_tensor([[1, 2, 3], [4, 5, 6]])
tensor([[1., 2., 3.],
        [4., 5., 6.]])
>>> to_tensor([0.5, -1.5, 2.0]).shape
torch.Size([1, 3])
>>> prepare_batch(torch.tensor([1, 2, 3, 4]), 4)
tensor([[1., 2., 3., 4.]])
>>> prepare_batch(torch.tensor([[1.0, 2.0, 3.0]]), 5)
Traceback (most recent call last):
ValueError: expected 5 features in the last dimension, got 3

Forbidden
---------
Nothing: every torch function is allowed here.

Check your work with ``grade run exercise-01``.
"""

import torch


def to_tensor(rows: list) -> torch.Tensor:
    """Return ``rows`` as a float32 tensor of shape ``(n_samples, n_features)``."""
    raise NotImplementedError("to_tensor: write your implementation here")


def prepare_batch(x: torch.Tensor, in_features: int) -> torch.Tensor:
    """Return ``x`` as a float32 batch of shape ``(batch, in_features)`` on ``x``'s device."""
    raise NotImplementedError("prepare_batch: write your implementation here")
