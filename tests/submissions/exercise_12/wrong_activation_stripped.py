"""Mistake: strips white space around the activation name, so " relu" and "sigmoid " are accepted where
the task asks for a ValueError: only the documented spellings are accepted.

Rejected by: SingleNeuron raises ValueError for an unknown activation
"""
import torch
from torch import nn


class BinaryModel(nn.Module):
    def __init__(self, in_features=3, hidden_features=2):
        super().__init__()
        self.linear1 = nn.Linear(in_features, hidden_features)
        self.linear2 = nn.Linear(hidden_features, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.linear2(self.linear1(x)))


class SingleNeuron(nn.Module):
    def __init__(self, num_inputs, activation="sigmoid"):
        super().__init__()
        self.linear = nn.Linear(num_inputs, 1)
        activation = activation.strip()
        if activation == "sigmoid":
            self.activation = nn.Sigmoid()
        elif activation == "relu":
            self.activation = nn.ReLU()
        else:
            raise ValueError(f"activation must be 'sigmoid' or 'relu', got {activation!r}")

    def forward(self, x):
        return self.activation(self.linear(x))


def set_parameters(layer, weight, bias):
    for name, value in (("weight", weight), ("bias", bias)):
        if value.shape != getattr(layer, name).shape:
            raise ValueError(f"{name} has shape {tuple(value.shape)}, the layer's is {tuple(getattr(layer, name).shape)}")
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
