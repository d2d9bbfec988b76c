"""Correct: turns class indices into one-hot rows and uses the probability formula for every case."""
import torch


def _check_same(a, b):
    if a.shape != b.shape:
        raise ValueError("the two tensors must have the same shape")


def mse_loss(pred, target):
    _check_same(pred, target)
    return torch.mean(torch.square(pred - target))


def binary_cross_entropy(probs, target):
    _check_same(probs, target)
    return torch.mean(-target * torch.clamp(torch.log(probs), min=-100)
                      - (1 - target) * torch.clamp(torch.log1p(-probs), min=-100))


def cross_entropy(scores, target):
    unbatched = scores.dim() == 1
    if unbatched:
        scores, target = scores.unsqueeze(0), target.unsqueeze(0)
    if scores.dim() != 2:
        raise ValueError("scores must be 1-D or 2-D")
    classes = scores.shape[1]
    if target.dtype == torch.int64 and target.shape == scores.shape[:1]:
        if target.numel() and (target.min() < 0 or target.max() >= classes):
            raise ValueError("a class index is outside [0, C)")
        target = (target.unsqueeze(1) == torch.arange(classes, device=scores.device)).to(scores.dtype)
    elif not (target.is_floating_point() and target.shape == scores.shape):
        raise ValueError("target fits neither class indices nor class probabilities")
    log_probs = scores - torch.logsumexp(scores, dim=1, keepdim=True)
    losses = -(target * log_probs).sum(dim=1)
    return losses[0] if unbatched else losses.mean()
