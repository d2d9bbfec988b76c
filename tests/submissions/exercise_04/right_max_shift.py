"""Correct: subtracts each row's maximum by hand and picks the target scores by indexing."""
import torch


def mse_loss(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"shapes differ: {tuple(pred.shape)} vs {tuple(target.shape)}")
    diff = pred - target
    return (diff * diff).sum() / diff.numel()


def binary_cross_entropy(probs, target):
    if probs.shape != target.shape:
        raise ValueError("probs and target must have the same shape")
    return -(target * torch.log(probs) + (1 - target) * torch.log(1 - probs)).mean()


def _log_sum_exp(scores):
    top = scores.max(dim=-1, keepdim=True).values
    return (top + torch.log(torch.exp(scores - top).sum(dim=-1, keepdim=True))).squeeze(-1)


def cross_entropy(scores, target):
    if scores.dim() == 1:
        if target.dim() == 0 and not target.is_floating_point():
            if not 0 <= int(target) < scores.shape[0]:
                raise ValueError("class index out of range")
            return _log_sum_exp(scores) - scores[target]
        if target.shape == scores.shape and target.is_floating_point():
            return (target * (_log_sum_exp(scores).unsqueeze(-1) - scores)).sum()
        raise ValueError("unbatched scores need a 0-D index or a (C,) float target")
    if scores.dim() != 2:
        raise ValueError("scores must be (C,) or (N, C)")
    n, c = scores.shape
    if target.shape == (n,) and target.dtype == torch.long:
        if ((target < 0) | (target >= c)).any():
            raise ValueError(f"class indices must be in [0, {c})")
        picked = scores[torch.arange(n, device=scores.device), target]
        return (_log_sum_exp(scores) - picked).mean()
    if target.shape == (n, c) and target.is_floating_point():
        per_sample = (target * (_log_sum_exp(scores).unsqueeze(-1) - scores)).sum(dim=1)
        return per_sample.sum() / n
    raise ValueError(f"target of shape {tuple(target.shape)} does not fit scores {tuple(scores.shape)}")
