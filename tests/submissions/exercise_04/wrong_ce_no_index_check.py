"""Mistake: never checks the class indices, so an index of C or a negative one fails inside gather with a RuntimeError instead of a ValueError.

Rejected by: cross_entropy raises ValueError for a class index outside [0, C)
"""
import torch


def mse_loss(pred, target):
    if pred.shape != target.shape:
        raise ValueError("pred and target must have the same shape")
    return ((pred - target) ** 2).mean()


def binary_cross_entropy(probs, target):
    if probs.shape != target.shape:
        raise ValueError("probs and target must have the same shape")
    return -(target * torch.log(probs) + (1 - target) * torch.log(1 - probs)).mean()


def cross_entropy(scores, target):
    if scores.dim() not in (1, 2):
        raise ValueError("scores must be (C,) or (N, C)")
    log_probs = scores - torch.logsumexp(scores, dim=-1, keepdim=True)
    if target.shape == scores.shape and target.is_floating_point():
        return (-(target * log_probs).sum(dim=-1)).mean()
    if target.shape != scores.shape[:-1] or target.dtype != torch.int64:
        raise ValueError("target fits neither class indices nor class probabilities")
    return -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1).mean()
