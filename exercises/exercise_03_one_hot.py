"""Exercise 03 · one-hot encoding

A classifier's target is often given as class indices, ``tensor([0, 2, 1])``,
but a loss that compares probability rows needs one row per sample with a 1
in the column of its class and 0 elsewhere.

Task
----
Write ``one_hot(labels, num_classes=None)``:

* ``labels`` is an int64 tensor of any shape, a 0-D tensor included;
* return an **int64** tensor of shape ``labels.shape + (num_classes,)``
  with ``out[..., k] == 1`` exactly where ``labels[...] == k``;
* ``num_classes=None`` means ``labels.max() + 1``;
* raise ``ValueError`` (with a message) if a label is negative or
  ``>= num_classes``, if ``num_classes < 1``, or if ``labels`` is empty and
  ``num_classes`` is None.

Worked example (course notes)
-----------------------------
>>> one_hot(torch.tensor([0, 2, 1]), 3)
tensor([[1, 0, 0],
        [0, 0, 1],
        [0, 1, 0]])

Forbidden
---------
``one_hot`` from ``torch.nn.functional`` (under any alias). ``torch.eye``,
``torch.arange`` and comparisons are allowed.

Check your work with ``grade run exercise-03``.
"""

import torch


def one_hot(labels: torch.Tensor, num_classes: int | None = None) -> torch.Tensor:
    """Return the int64 one-hot encoding of ``labels`` along a new last dimension."""
    raise NotImplementedError("one_hot: write your implementation here")
