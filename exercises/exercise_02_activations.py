"""Exercise 02 · activation functions

A layer's output goes through an activation: ``sigmoid`` squeezes a score
into (0, 1), ``relu`` cuts off the negative part, ``tanh`` squeezes into
(-1, 1), and ``softmax`` turns a row of scores into probabilities that sum
to 1. Here you write them yourself from their formulas.

Task
----
Write ``sigmoid(x)``, ``relu(x)`` and ``tanh(x)``:

* element-wise, for a float32 or float64 ``x`` of any shape, 0-D included;
* match ``torch.sigmoid``, ``torch.relu`` and ``torch.tanh``: same shape,
  same dtype, same device;
* stay finite for every finite input, even ``|x|`` as large as 1e4 (no nan,
  no inf).

Write ``softmax(x, dim=-1)``:

* ``exp(x) / exp(x).sum(dim)`` along ``dim``, for ``x`` of at least one
  dimension and every valid ``dim``, negative or positive;
* match ``torch.softmax(x, dim)``; finite, and summing to 1 along ``dim``,
  even for ``|x|`` as large as 1e4.

None of them may modify ``x`` in place.

Worked example (course notes)
-----------------------------
>>> x = torch.tensor([-1.0, 0.0, 1.0])
>>> sigmoid(x)
tensor([0.2689, 0.5000, 0.7311])
>>> relu(x)
tensor([0., 0., 1.])
>>> tanh(x)
tensor([-0.7616,  0.0000,  0.7616])
>>> softmax(torch.tensor([1.0, 2.0, 3.0]))
tensor([0.0900, 0.2447, 0.6652])
>>> softmax(torch.tensor([[1.0, 2.0], [3.0, 5.0]]), dim=0)
tensor([[0.1192, 0.0474],
        [0.8808, 0.9526]])

Forbidden
---------
``torch.sigmoid``, ``torch.tanh``, ``torch.relu``, ``torch.softmax``,
``torch.log_softmax``, ``torch.special``, everything in
``torch.nn.functional``, ``nn.Sigmoid``, ``nn.Tanh``, ``nn.ReLU``,
``nn.Softmax``, and the tensor methods ``.sigmoid()``, ``.tanh()``,
``.relu()``, ``.softmax()``, ``.log_softmax()``. ``torch.exp``,
``torch.expm1``, ``torch.clamp``, ``torch.where``, ``torch.maximum``,
``torch.sign``, ``amax``, ``sum`` and the like are allowed.

Check your work with ``grade run exercise-02``.
"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """Return 1 / (1 + exp(-x)) element-wise, finite for every finite x."""
    raise NotImplementedError("sigmoid: write your implementation here")


def relu(x: torch.Tensor) -> torch.Tensor:
    """Return max(x, 0) element-wise."""
    raise NotImplementedError("relu: write your implementation here")


def tanh(x: torch.Tensor) -> torch.Tensor:
    """Return (exp(x) - exp(-x)) / (exp(x) + exp(-x)) element-wise, finite for every finite x."""
    raise NotImplementedError("tanh: write your implementation here")


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Return exp(x) / exp(x).sum(dim) along ``dim``, finite for every finite x."""
    raise NotImplementedError("softmax: write your implementation here")
