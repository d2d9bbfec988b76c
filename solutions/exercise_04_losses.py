"""Exercise 04 · losses (reference solution).

Each loss is a mean over its elements (MSE, BCE) or over the batch (cross
entropy), returned as a 0-D tensor that stays connected to autograd.
Cross entropy goes through ``torch.logsumexp``, which subtracts the row's
maximum before exponentiating, so scores of any finite magnitude give a
finite loss.
"""

import torch


def _same_shape(name: str, first: torch.Tensor, second: torch.Tensor, what: str) -> None:
    """Refuse mismatched shapes: torch would broadcast them into a silently wrong loss."""
    if first.shape != second.shape:
        raise ValueError(f"{name}: {what} must have the same shape, got {tuple(first.shape)} "
                         f"and {tuple(second.shape)}")


def mse_loss(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean of the squared differences, like ``nn.MSELoss()``."""
    _same_shape("mse_loss", pred, target, "pred and target")
    return ((pred - target) ** 2).mean()


def binary_cross_entropy(probs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean of ``-(t log p + (1 - t) log(1 - p))``, like ``nn.BCELoss()``.

    The logs are clamped at -100 as torch does, so a probability of exactly
    0 or 1 gives a large finite loss instead of inf.
    """
    _same_shape("binary_cross_entropy", probs, target, "probs and target")
    log_p = torch.log(probs).clamp(min=-100)
    log_not_p = torch.log1p(-probs).clamp(min=-100)
    return -(target * log_p + (1 - target) * log_not_p).mean()


def cross_entropy(scores: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """``nn.CrossEntropyLoss()``: class indices or class probabilities, batched or not.

    ``log_probs = scores - logsumexp(scores)`` is the stable log-softmax;
    the loss of a sample is ``-log_probs[target]`` for an index and
    ``-(target * log_probs).sum()`` for a probability row.
    """
    if scores.dim() not in (1, 2):
        raise ValueError(f"cross_entropy: scores must be (C,) or (N, C), got shape {tuple(scores.shape)}")
    classes = scores.shape[-1]
    log_probs = scores - torch.logsumexp(scores, dim=-1, keepdim=True)
    if target.shape == scores.shape:
        if not target.is_floating_point():
            raise ValueError("cross_entropy: a target shaped like scores holds class probabilities "
                             f"and must be a float tensor, got {target.dtype} (use one_hot(...).double())")
        per_sample = -(target * log_probs).sum(dim=-1)
        return per_sample.mean() if scores.dim() == 2 else per_sample
    if target.shape != scores.shape[:-1]:
        raise ValueError(f"cross_entropy: target of shape {tuple(target.shape)} fits neither class indices "
                         f"{tuple(scores.shape[:-1])} nor class probabilities {tuple(scores.shape)}")
    if target.dtype != torch.int64:
        raise ValueError(f"cross_entropy: class indices must be int64, got {target.dtype}")
    if target.numel() and (int(target.min()) < 0 or int(target.max()) >= classes):
        raise ValueError(f"cross_entropy: class indices must lie in [0, {classes}), got values from "
                         f"{int(target.min())} to {int(target.max())}")
    picked = log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    return -picked.mean()
