"""Exercise 07 · forward pass by hand

``model(x)`` hides the arithmetic. Here you do it yourself: a Linear layer
is one matrix product plus a bias, and an activation is one formula applied
element by element.

Task
----
Write ``linear_forward(x, weight, bias=None)``:

* ``x`` has shape ``(..., in)`` (a single sample ``(in,)``, a batch
  ``(batch, in)``, or more leading dims), ``weight`` has shape ``(out, in)``
  and ``bias`` shape ``(out,)`` or is None;
* return ``x @ weight.T + bias``, of shape ``(..., out)``: the same as
  ``torch.nn.functional.linear(x, weight, bias)``;
* raise ``ValueError`` (with a message) when ``x.shape[-1] != weight.shape[1]``
  or when ``bias`` is given and its length is not ``out``.

Write ``manual_forward(model, x)``:

* ``model`` is an ``nn.Sequential`` made only of ``nn.Linear``, ``nn.ReLU``,
  ``nn.Sigmoid``, ``nn.Tanh``, ``nn.Softmax(dim)`` and
  ``nn.Flatten(start_dim, end_dim)`` layers;
* compute the same output as ``model(x)`` from the layers' parameters
  (``layer.weight``, ``layer.bias``) and settings (``layer.dim``,
  ``layer.start_dim``, ``layer.end_dim``) -- without calling any module:
  neither ``model(x)`` nor ``layer(h)`` nor ``.forward``;
* raise ``TypeError`` whose message names the layer's type (e.g.
  ``"unsupported layer: Dropout"``) for any other layer.

Inputs reach magnitudes of 100, so write softmax, sigmoid and tanh so that
``exp`` never overflows.

Worked example (course notes)
-----------------------------
>>> x = torch.tensor([1.0, 2.0, 3.0])
>>> weight = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -1.0]])
>>> linear_forward(x, weight, torch.tensor([0.1, -0.2]))   # [0.5 - 2 + 6 + 0.1, 1 - 3 - 0.2]
tensor([ 4.6000, -2.2000])
>>> model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.Softmax(dim=-1))
>>> torch.allclose(manual_forward(model, x), model(x))
True

Forbidden
---------
``torch.nn.functional`` (all of it), ``torch.addmm``, ``torch.sigmoid``,
``torch.tanh``, ``torch.relu``, ``torch.softmax``, ``torch.log_softmax``,
``torch.special``, and the tensor methods ``.sigmoid()``, ``.tanh()``,
``.relu()``, ``.softmax()``, ``.log_softmax()``. Naming the layer classes
(``isinstance(layer, nn.Sigmoid)``) is fine; ``@``, ``torch.matmul``,
``torch.exp``, ``torch.expm1``, ``torch.clamp``, ``torch.where``,
``amax``, ``sum`` and ``flatten`` are allowed.

Check your work with ``grade run exercise-07``.
"""

import torch
from torch import nn


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """Return ``x @ weight.T + bias`` for ``x`` of shape ``(..., in)``, checking the shapes first."""
    raise NotImplementedError("linear_forward: write your implementation here")


def manual_forward(model: nn.Sequential, x: torch.Tensor) -> torch.Tensor:
    """Return ``model(x)`` computed layer by layer from the parameters, without calling any module."""
    raise NotImplementedError("manual_forward: write your implementation here")
