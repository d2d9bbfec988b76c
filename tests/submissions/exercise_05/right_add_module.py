"""Correct: starts from an empty nn.Sequential and adds the layers one by one with add_module."""
from torch import nn


def _stack(widths, name_prefix="fc"):
    model = nn.Sequential()
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:]), start=1):
        model.add_module(f"{name_prefix}{i}", nn.Linear(n_in, n_out))
    return model


def binary_classifier(n_features):
    if n_features <= 0:
        raise ValueError(f"n_features must be >= 1, got {n_features}")
    model = _stack([n_features, 1])
    model.add_module("probability", nn.Sigmoid())
    return model


def four_layer_regressor(n_features):
    if n_features <= 0:
        raise ValueError(f"n_features must be >= 1, got {n_features}")
    return _stack([n_features, 64, 32, 16, 1], "layer")


def multiclass_classifier(n_features, n_classes):
    for name, size in (("n_features", n_features), ("n_classes", n_classes)):
        if size <= 0:
            raise ValueError(f"{name} must be >= 1, got {size}")
    model = _stack([n_features, 20, 12, 6, n_classes])
    model.add_module("softmax", nn.Softmax(dim=-1))
    return model
