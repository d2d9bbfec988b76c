"""Correct: builds a list of Linear layers from the widths, then unpacks it into nn.Sequential."""
from torch import nn


def _linears(widths):
    if min(widths) < 1:
        raise ValueError(f"layer sizes must be at least 1, got {widths}")
    return [nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:])]


def binary_classifier(n_features):
    return nn.Sequential(*_linears([n_features, 1]), nn.Sigmoid())


def four_layer_regressor(n_features):
    return nn.Sequential(*_linears([n_features, 64, 32, 16, 1]))


def multiclass_classifier(n_features, n_classes):
    return nn.Sequential(*_linears([n_features, 20, 12, 6, n_classes]), nn.Softmax(dim=-1))
