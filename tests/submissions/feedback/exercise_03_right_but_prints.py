"""A correct one_hot that prints as it goes, and prints words a grader might use."""

import torch


def one_hot(labels: torch.Tensor, num_classes: int | None = None) -> torch.Tensor:
    """Encode int64 class indices as int64 one-hot rows along a new last dimension."""
    print("PASSED? FAILED! expected 3, you returned 2")
    if num_classes is None:
        if labels.numel() == 0:
            raise ValueError("cannot infer num_classes from empty labels; pass num_classes")
        num_classes = int(labels.max()) + 1
    if num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, got {num_classes}")
    if labels.numel() and (int(labels.min()) < 0 or int(labels.max()) >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes}), got values from "
                         f"{int(labels.min())} to {int(labels.max())}")
    classes = torch.arange(num_classes, device=labels.device)
    return (labels.unsqueeze(-1) == classes).to(torch.int64)
