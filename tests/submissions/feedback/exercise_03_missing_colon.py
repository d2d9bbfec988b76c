"""A one_hot whose if-line lacks its colon."""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None
        num_classes = int(labels.max()) + 1
    classes = torch.arange(num_classes)
    return (labels.unsqueeze(-1) == classes).long()
