"""Mistake: uses nn.Softmax(dim=1): right for a (N, n_features) batch, but it fails for one unbatched sample and normalises the wrong dimension of a 3-D input.

Rejected by: layers are exactly the course notes' ones, in order
"""
from torch import nn


def _check(*sizes):
    if any(size < 1 for size in sizes):
        raise ValueError("every size must be at least 1")


def binary_classifier(n_features):
    _check(n_features)
    return nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())


def four_layer_regressor(n_features):
    _check(n_features)
    return nn.Sequential(
        nn.Linear(n_features, 64),
        nn.Linear(64, 32),
        nn.Linear(32, 16),
        nn.Linear(16, 1),
    )


def multiclass_classifier(n_features, n_classes):
    _check(n_features, n_classes)
    return nn.Sequential(
        nn.Linear(n_features, 20),
        nn.Linear(20, 12),
        nn.Linear(12, 6),
        nn.Linear(6, n_classes),
        nn.Softmax(dim=1),
    )
