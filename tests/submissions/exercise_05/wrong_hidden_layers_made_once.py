"""Mistake: the hidden layers do not depend on n_features, so they are made once at the top of the file:
every model then shares their weights, and training one changes the others.

Rejected by: each call builds a new model: two models share no weights
"""
from torch import nn

HIDDEN = [nn.Linear(64, 32), nn.Linear(32, 16), nn.Linear(16, 1)]


def _check(*sizes):
    if min(sizes) < 1:
        raise ValueError(f"sizes must be at least 1, got {sizes}")


def binary_classifier(n_features):
    _check(n_features)
    return nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())


def four_layer_regressor(n_features):
    _check(n_features)
    return nn.Sequential(nn.Linear(n_features, 64), *HIDDEN)


def multiclass_classifier(n_features, n_classes):
    _check(n_features, n_classes)
    return nn.Sequential(nn.Linear(n_features, 20), nn.Linear(20, 12), nn.Linear(12, 6), nn.Linear(6, n_classes),
                         nn.Softmax(dim=-1))
