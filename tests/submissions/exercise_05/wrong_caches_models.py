"""Mistake: keeps each built model in a cache and hands the same object out again for the same sizes.

Rejected by: each call builds a new model: two models share no weights
"""
from functools import lru_cache

from torch import nn


def _check(*sizes):
    if min(sizes) < 1:
        raise ValueError(f"sizes must be at least 1, got {sizes}")


@lru_cache(maxsize=None)
def binary_classifier(n_features):
    _check(n_features)
    return nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())


@lru_cache(maxsize=None)
def four_layer_regressor(n_features):
    _check(n_features)
    return nn.Sequential(nn.Linear(n_features, 64), nn.Linear(64, 32), nn.Linear(32, 16), nn.Linear(16, 1))


@lru_cache(maxsize=None)
def multiclass_classifier(n_features, n_classes):
    _check(n_features, n_classes)
    return nn.Sequential(nn.Linear(n_features, 20), nn.Linear(20, 12), nn.Linear(12, 6), nn.Linear(6, n_classes),
                         nn.Softmax(dim=-1))
