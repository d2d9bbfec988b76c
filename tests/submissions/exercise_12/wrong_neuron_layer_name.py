"""Mistake: names the neuron's layer self.fc instead of self.linear, so its state_dict keys are
fc.weight and fc.bias and the task's weights do not load.

Rejected by: SingleNeuron has linear and an activation layer
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
        self.fc = nn.Linear(num_inputs, 1)
        if activation == "sigmoid":
            self.activation = nn.Sigmoid()
        elif activation == "relu":
            self.activation = nn.ReLU()
        else:
            raise ValueError(f"unknown activation {activation!r}")

    def forward(self, x):
        z = self.fc(x)
        return self.activation(z)


def set_parameters(layer, weight, bias):
    if weight.shape != layer.weight.shape or bias.shape != layer.bias.shape:
        raise ValueError("weight or bias has the wrong shape")
    layer.weight = nn.Parameter(weight.detach().clone())
    layer.bias = nn.Parameter(bias.detach().clone())
