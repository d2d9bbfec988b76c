"""Exercise 12 · your own nn.Module

A model in PyTorch is a class: ``__init__`` creates the layers and stores
them as attributes (which registers their parameters), and ``forward`` says
how an input flows through them. The attribute names become the names in
``model.state_dict()``, so saved weights only load into a model that uses
the same names.

Task
----
* ``class BinaryModel(nn.Module)`` with ``__init__(self, in_features=3,
  hidden_features=2)`` creating ``self.linear1 = nn.Linear(in_features,
  hidden_features)``, ``self.linear2 = nn.Linear(hidden_features, 1)`` and
  ``self.sigmoid = nn.Sigmoid()``; ``forward(x)`` returns
  ``sigmoid(linear2(linear1(x)))`` for ``x`` of shape ``(N, in_features)``.
* ``class SingleNeuron(nn.Module)`` with ``__init__(self, num_inputs,
  activation="sigmoid")`` creating ``self.linear = nn.Linear(num_inputs, 1)``
  and ``self.activation``: ``nn.Sigmoid()`` for ``"sigmoid"``, ``nn.ReLU()``
  for ``"relu"``, and a ``ValueError`` for any other string. ``forward(x)``
  returns the activation's output, not the pre-activation ``linear(x)``.
* ``set_parameters(layer, weight, bias)`` gives the ``nn.Linear`` ``layer``
  new weight and bias values. Afterwards ``layer.weight`` and ``layer.bias``
  are ``nn.Parameter`` s registered on the layer, with
  ``requires_grad=True``, equal to the given values but not sharing memory
  with the caller's tensors (changing ``weight`` later must not change the
  layer), and ``layer(x)`` uses them. Raise ``ValueError`` when a shape
  differs from the layer's. Return None.

Worked example (course notes)
-----------------------------
>>> model = BinaryModel()
>>> list(model.state_dict())
['linear1.weight', 'linear1.bias', 'linear2.weight', 'linear2.bias']
>>> model(torch.randn(4, 3)).shape  # one probability per sample
torch.Size([4, 1])
>>> neuron = SingleNeuron(2, activation="relu")
>>> set_parameters(neuron.linear, torch.tensor([[1.0, -1.0]]), torch.tensor([0.5]))
>>> neuron(torch.tensor([[1.0, 3.0], [3.0, 1.0]]))  # relu([-1.5, 2.5])
tensor([[0.0000],
        [2.5000]], grad_fn=<ReluBackward0>)

The notes' bug to avoid: a ``forward`` that computes ``z = self.linear(x)``
and the activation, but returns ``z``.

Forbidden
---------
Nothing is forbidden; ``nn.Linear``, ``nn.Sigmoid``, ``nn.ReLU`` and
``nn.Parameter`` are what this exercise is about.

Check your work with ``grade run exercise-12``.
"""

import torch
from torch import nn


class BinaryModel(nn.Module):
    """Two linear layers and a sigmoid: the probability of the positive class."""

    def __init__(self, in_features: int = 3, hidden_features: int = 2) -> None:
        raise NotImplementedError("BinaryModel.__init__: call super().__init__(), then create the layers")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("BinaryModel.forward: write your implementation here")


class SingleNeuron(nn.Module):
    """One neuron: a weighted sum of the inputs plus a bias, through an activation."""

    def __init__(self, num_inputs: int, activation: str = "sigmoid") -> None:
        raise NotImplementedError("SingleNeuron.__init__: call super().__init__(), then create the layers")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("SingleNeuron.forward: write your implementation here")


def set_parameters(layer: nn.Linear, weight: torch.Tensor, bias: torch.Tensor) -> None:
    """Give ``layer`` copies of ``weight`` and ``bias`` as its parameters."""
    raise NotImplementedError("set_parameters: write your implementation here")
