"""Correct: replaces .data with clones (the Parameter objects stay registered); the activation
is picked from a dict of ready-made layers."""
import torch
from torch import nn


class BinaryModel(nn.Module):
    def __init__(self, in_features=3, hidden_features=2):
        super().__init__()
        self.linear1 = nn.Linear(in_features, hidden_features)
        self.linear2 = nn.Linear(hidden_features, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        x = self.linear1(x)
        x = self.linear2(x)
        x = self.sigmoid(x)
        return x


class SingleNeuron(nn.Module):
    def __init__(self, num_inputs, activation="sigmoid"):
        super().__init__()
        choices = {"sigmoid": nn.Sigmoid(), "relu": nn.ReLU()}
        if activation not in choices:
            raise ValueError("activation must be sigmoid or relu")
        self.linear = nn.Linear(num_inputs, 1)
        self.activation = choices[activation]

    def forward(self, x):
        z = self.linear(x)
        a = self.activation(z)
        return a


def set_parameters(layer, weight, bias):
    for name, new in (("weight", weight), ("bias", bias)):
        old = getattr(layer, name)
        if new.shape != old.shape:
            raise ValueError(f"{name}: expected shape {list(old.shape)}, got {list(new.shape)}")
    layer.weight.data = weight.detach().clone()
    layer.bias.data = bias.detach().clone()
