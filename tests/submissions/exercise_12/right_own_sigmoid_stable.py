"""Correct: a Sigmoid module written by hand as 1 / (1 + exp(-z)), which stays finite for any z (the
structure checks compare layer type names, and the values match nn.Sigmoid's)."""
import torch
from torch import nn


class Sigmoid(nn.Module):
    """The logistic function; exp(-z) overflowing to inf for z below -88.7 gives 1 / inf = 0, as it should."""

    def forward(self, z):
        return 1 / (1 + torch.exp(-z))


class BinaryModel(nn.Module):
    def __init__(self, in_features=3, hidden_features=2):
        super().__init__()
        self.linear1 = nn.Linear(in_features, hidden_features)
        self.linear2 = nn.Linear(hidden_features, 1)
        self.sigmoid = Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.linear2(self.linear1(x)))


class SingleNeuron(nn.Module):
    def __init__(self, num_inputs, activation="sigmoid"):
        super().__init__()
        self.linear = nn.Linear(num_inputs, 1)
        if activation == "sigmoid":
            self.activation = Sigmoid()
        elif activation == "relu":
            self.activation = nn.ReLU()
        else:
            raise ValueError(f"unknown activation {activation!r}")

    def forward(self, x):
        return self.activation(self.linear(x))


def set_parameters(layer, weight, bias):
    if weight.shape != layer.weight.shape or bias.shape != layer.bias.shape:
        raise ValueError("weight or bias has the wrong shape")
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
