"""Mistake: lower-cases the activation name to be forgiving, so "ReLU" and "Sigmoid" build a neuron
where the task asks for a ValueError: only the documented spellings are accepted.

Rejected by: SingleNeuron raises ValueError for an unknown activation
"""
import torch
from torch import nn

LAYERS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}


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
        name = activation.lower()
        if name not in LAYERS:
            raise ValueError(f"unknown activation {activation!r}")
        self.linear = nn.Linear(num_inputs, 1)
        self.activation = LAYERS[name]()

    def forward(self, x):
        return self.activation(self.linear(x))


def set_parameters(layer, weight, bias):
    if weight.shape != layer.weight.shape or bias.shape != layer.bias.shape:
        raise ValueError("weight or bias has the wrong shape")
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
