"""Correct: scatters ones into a zero tensor."""
import torch


def one_hot(labels, num_classes=None):
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("empty labels: give num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes <= 0:
        raise ValueError("num_classes must be positive")
    if labels.numel() and ((labels < 0).any() or (labels >= num_classes).any()):
        raise ValueError("a label is outside [0, num_classes)")
    out = torch.zeros(*labels.shape, num_classes, dtype=torch.long, device=labels.device)
    return out.scatter(-1, labels.unsqueeze(-1), 1)
