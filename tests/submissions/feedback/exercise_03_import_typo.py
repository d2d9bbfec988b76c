"""A one_hot file whose import has a typo: it fails when loaded, before any check runs."""
import torch
import torch.nn.functionals as F


def one_hot(labels, num_classes=None):
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    classes = torch.arange(num_classes)
    return (labels.unsqueeze(-1) == classes).long()
