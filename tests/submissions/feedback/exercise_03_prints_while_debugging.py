"""A one_hot debugged with print: it ignores num_classes when it is given."""
import torch


def one_hot(labels, num_classes=None):
    print("labels:", labels)
    num_classes = int(labels.max()) + 1 if labels.numel() else 1
    print("num_classes is", num_classes)
    classes = torch.arange(num_classes)
    return (labels.unsqueeze(-1) == classes).long()
