"""Exercise 12 · your own nn.Module (reference solution)."""

import torch
from torch import nn

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}


class BinaryModel(nn.Module):
    """Two linear layers and a sigmoid: the probability of the positive class."""

    def __init__(self, in_features: int = 3, hidden_features: int = 2) -> None:
        super().__init__()
        self.linear1 = nn.Linear(in_features, hidden_features)
        self.linear2 = nn.Linear(hidden_features, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.sigmoid(self.linear2(self.linear1(x)))


class SingleNeuron(nn.Module):
    """One neuron: a weighted sum of the inputs plus a bias, through an activation."""

    def __init__(self, num_inputs: int, activation: str = "sigmoid") -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        self.linear = nn.Linear(num_inputs, 1)
        self.activation = ACTIVATIONS[activation]()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self.linear(x))


def set_parameters(layer: nn.Linear, weight: torch.Tensor, bias: torch.Tensor) -> None:
    """Copy ``weight`` and ``bias`` into the layer's own parameters.

    Copying in place under ``no_grad`` keeps the registered ``nn.Parameter``
    objects (an optimizer holding them still sees the new values) and shares
    no memory with the caller's tensors.
    """
    for name, value in (("weight", weight), ("bias", bias)):
        current = getattr(layer, name)
        if value.shape != current.shape:
            raise ValueError(f"{name} must have shape {tuple(current.shape)}, got {tuple(value.shape)}")
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
