"""Exercise 05 · sequential models (reference solution).

Each architecture is written out layer by layer, exactly as the course
notes give it, so the layer list reads like the diagram it comes from.
"""

from torch import nn


def _require_positive(**sizes: int) -> None:
    """A layer needs at least one input and one output: reject sizes below 1 by name."""
    for name, size in sizes.items():
        if size < 1:
            raise ValueError(f"{name} must be at least 1, got {size}")


def binary_classifier(n_features: int) -> nn.Sequential:
    """One linear unit squashed by a sigmoid: the probability of the positive class."""
    _require_positive(n_features=n_features)
    return nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())


def four_layer_regressor(n_features: int) -> nn.Sequential:
    """Four linear layers n_features → 64 → 32 → 16 → 1, with no activation between them."""
    _require_positive(n_features=n_features)
    return nn.Sequential(
        nn.Linear(n_features, 64),
        nn.Linear(64, 32),
        nn.Linear(32, 16),
        nn.Linear(16, 1),
    )


def multiclass_classifier(n_features: int, n_classes: int) -> nn.Sequential:
    """Four linear layers n_features → 20 → 12 → 6 → n_classes, then a softmax over the classes."""
    _require_positive(n_features=n_features, n_classes=n_classes)
    return nn.Sequential(
        nn.Linear(n_features, 20),
        nn.Linear(20, 12),
        nn.Linear(12, 6),
        nn.Linear(6, n_classes),
        nn.Softmax(dim=-1),
    )
