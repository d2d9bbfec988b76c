"""Exercise 04 · losses

A loss turns a model's output and the right answer into one number that
training makes smaller. Write the three losses of the course notes yourself:
mean squared error for regression, binary cross entropy for a probability,
and cross entropy for class scores.

Task
----
Write three functions, each returning a **0-D tensor** (not a Python float,
not shape ``(1,)``) that stays connected to autograd:

* ``mse_loss(pred, target)`` -- the mean of ``(pred - target) ** 2`` over all
  elements, like ``nn.MSELoss()``. Raise ``ValueError`` if the shapes differ
  (``nn.MSELoss`` would broadcast ``(3, 1)`` against ``(3,)`` into a wrong
  answer; yours must refuse).
* ``binary_cross_entropy(probs, target)`` -- the mean of
  ``-(t * log(p) + (1 - t) * log(1 - p))``, like ``nn.BCELoss()``, for
  ``probs`` strictly inside (0, 1) and ``target`` in [0, 1] of the same
  shape. Raise ``ValueError`` if the shapes differ.
* ``cross_entropy(scores, target)`` -- like ``nn.CrossEntropyLoss()`` (the
  mean over the batch) for these cases:

  - ``scores`` ``(N, C)`` with int64 class indices ``target`` ``(N,)``;
  - ``scores`` ``(N, C)`` with float class probabilities or one-hot rows
    ``target`` ``(N, C)``;
  - one unbatched sample: ``scores`` ``(C,)`` with a 0-D int64 index or a
    float ``(C,)`` target.

  The loss of one sample is ``-log_softmax(scores)[target]`` for an index
  and ``-(target * log_softmax(scores)).sum()`` for a probability row, where
  ``log_softmax(s) = s - log(sum(exp(s)))``. It must stay finite for scores
  as large as 1e4: ``exp(1e4)`` is inf, so use ``torch.logsumexp`` (or
  subtract each row's maximum first). The result's dtype is what torch
  gives: float32 scores with a float64 target give a float64 loss.
  Raise ``ValueError`` for a class index outside ``[0, C)`` and for shapes
  that fit none of the cases above.

Worked example (course notes)
-----------------------------
>>> mse_loss(torch.tensor([2.5, 0.0, 2.0]), torch.tensor([3.0, -0.5, 2.0]))
tensor(0.1667)
>>> binary_cross_entropy(torch.tensor([0.9, 0.2]), torch.tensor([1.0, 0.0]))
tensor(0.1643)
>>> scores = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
>>> labels = torch.tensor([0, 1])
>>> cross_entropy(scores, labels)
tensor(0.3185)
>>> cross_entropy(scores.double(), one_hot(labels, 3).double())   # one_hot from exercise 03
tensor(0.3185, dtype=torch.float64)
>>> cross_entropy(scores[0], labels[0])                           # one unbatched sample
tensor(0.4170)
>>> cross_entropy(torch.tensor([[1e4, -1e4, 0.0]]), torch.tensor([1]))
tensor(20000.)

Forbidden
---------
Every ``*Loss`` class of ``torch.nn`` (``nn.MSELoss``, ``nn.BCELoss``,
``nn.CrossEntropyLoss``, ``nn.NLLLoss``, ...); ``cross_entropy``,
``nll_loss``, ``binary_cross_entropy``, ``mse_loss``, ``log_softmax`` and
``softmax`` from ``torch.nn.functional``; ``torch.log_softmax``,
``torch.softmax``, and the tensor methods ``.log_softmax()`` and
``.softmax()``. ``torch.logsumexp``, ``torch.log``, ``torch.exp``,
``torch.log1p``, ``torch.clamp``, ``gather`` and indexing are allowed.

Check your work with ``grade run exercise-04``.
"""

import torch


def mse_loss(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Return the mean squared error of ``pred`` against ``target`` as a 0-D tensor."""
    raise NotImplementedError("mse_loss: write your implementation here")


def binary_cross_entropy(probs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Return the mean binary cross entropy of probabilities ``probs`` against ``target``."""
    raise NotImplementedError("binary_cross_entropy: write your implementation here")


def cross_entropy(scores: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Return the mean cross entropy of raw class ``scores`` against indices or probabilities."""
    raise NotImplementedError("cross_entropy: write your implementation here")
