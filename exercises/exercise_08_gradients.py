"""Exercise 08 · layers and gradients

After ``loss.backward()`` every parameter of a model holds its gradient in
``.grad``. To look at them layer by layer you first have to find the layers
-- which may sit inside an ``nn.Sequential`` inside another one, in an
``nn.ModuleList``, or be attributes of your own ``nn.Module`` -- and then
make sure the numbers you read belong to *this* backward pass only.

Task
----
Write ``linear_layers(model)``:

* return a **list** of every ``nn.Linear`` inside ``model``, at any depth
  (``model`` itself counts if it is an ``nn.Linear``), in the order
  ``model.modules()`` visits them;
* return the model's own layer objects, not copies: ``linear_layers(model)[0]
  is model[0]`` for a model that starts with a Linear.

Write ``layer_gradients(model, sample, target)``:

* run ``model(sample)``, take ``nn.CrossEntropyLoss()`` against the int64
  class indices ``target``, and run backward;
* return one ``(weight_grad, bias_grad)`` pair of tensors per ``nn.Linear``,
  in ``linear_layers`` order; ``bias_grad`` is ``None`` for a layer built
  with ``bias=False``;
* gradients left over from an earlier backward (or an earlier call) must not
  leak in: two calls in a row return the same values;
* what one call returned must keep its values when you call again: return
  gradients that a later call does not write into (a ``.clone()`` is the
  simple way);
* do not change the parameter values (no optimizer step).

Worked example (course notes)
-----------------------------
>>> model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(),
...                       nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 3, bias=False)))
>>> [tuple(layer.weight.shape) for layer in linear_layers(model)]
[(2, 3), (2, 2), (3, 2)]
>>> linear_layers(model)[1] is model[2][0]
True
>>> grads = layer_gradients(model, torch.randn(4, 3), torch.tensor([0, 2, 1, 2]))
>>> [(tuple(w.shape), None if b is None else tuple(b.shape)) for w, b in grads]
[((2, 3), (2,)), ((2, 2), (2,)), ((3, 2), None)]

Forbidden
---------
Nothing: every part of ``torch`` is allowed.

Check your work with ``grade run exercise-08``.
"""

import torch
from torch import nn


def linear_layers(model: nn.Module) -> list[nn.Linear]:
    """Return every nn.Linear in ``model``, at any depth, in ``model.modules()`` order."""
    raise NotImplementedError("linear_layers: write your implementation here")


def layer_gradients(model: nn.Module, sample: torch.Tensor,
                    target: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor | None]]:
    """Return a (weight_grad, bias_grad) pair per nn.Linear for the cross-entropy loss of ``model(sample)``."""
    raise NotImplementedError("layer_gradients: write your implementation here")
