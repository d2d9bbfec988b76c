"""Correct: names every layer through an OrderedDict (state_dict keys like "hidden1.weight")."""
from collections import OrderedDict

from torch import nn


def binary_classifier(n_features):
    if n_features < 1:
        raise ValueError("n_features must be positive")
    return nn.Sequential(OrderedDict([("linear", nn.Linear(n_features, 1)), ("sigmoid", nn.Sigmoid())]))


def four_layer_regressor(n_features):
    if n_features < 1:
        raise ValueError("n_features must be positive")
    return nn.Sequential(OrderedDict([
        ("hidden1", nn.Linear(n_features, 64)),
        ("hidden2", nn.Linear(64, 32)),
        ("hidden3", nn.Linear(32, 16)),
        ("output", nn.Linear(16, 1)),
    ]))


def multiclass_classifier(n_features, n_classes):
    if n_features < 1 or n_classes < 1:
        raise ValueError("n_features and n_classes must be positive")
    return nn.Sequential(OrderedDict([
        ("hidden1", nn.Linear(n_features, 20)),
        ("hidden2", nn.Linear(20, 12)),
        ("hidden3", nn.Linear(12, 6)),
        ("output", nn.Linear(6, n_classes)),
        ("softmax", nn.Softmax(dim=-1)),
    ]))
