"""Correct: logsumexp minus the target score (gathered, or averaged under probability rows that sum to 1)."""
import torch


def _same_shape(first, second):
    if first.shape != second.shape:
        raise ValueError(f"expected equal shapes, got {list(first.shape)} and {list(second.shape)}")


def mse_loss(pred, target):
    _same_shape(pred, target)
    return (pred - target).pow(2).mean()


def binary_cross_entropy(probs, target):
    _same_shape(probs, target)
    # xlogy(t, p) = t * log(p), and 0 where t == 0
    return -(torch.xlogy(target, probs) + torch.xlogy(1 - target, 1 - probs)).mean()


def _kind(scores, target):
    if scores.dim() not in (1, 2):
        raise ValueError("scores must have 1 or 2 dimensions")
    if target.shape == scores.shape and target.dtype in (torch.float32, torch.float64):
        return "probabilities"
    if target.shape == scores.shape[:-1] and target.dtype == torch.int64:
        bad = (target < 0) | (target >= scores.shape[-1])
        if bad.any():
            raise ValueError(f"class index out of range: {target[bad].tolist()}")
        return "indices"
    raise ValueError("target's shape fits no case")


def cross_entropy(scores, target):
    lse = torch.logsumexp(scores, dim=-1)
    if _kind(scores, target) == "indices":
        picked = torch.gather(scores, -1, target.unsqueeze(-1)).squeeze(-1)
        return torch.mean(lse - picked)
    # sum(t * (lse - s)) = lse - sum(t * s), since probability rows sum to 1
    return torch.mean(lse - (target * scores).sum(dim=-1))
