"""Mistake: never checks that the target's shape fits the scores: any int64 target goes to gather, which accepts fewer labels than samples, and any float target to the probability formula.

Rejected by: cross_entropy raises ValueError for shapes that fit no case
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
    log_probs = scores - torch.logsumexp(scores, dim=-1, keepdim=True)
    if target.is_floating_point():
        return (-(target * log_probs).sum(dim=-1)).mean()
    if target.dtype != torch.int64:
        raise ValueError("target fits neither class indices nor class probabilities")
    if ((target < 0) | (target >= scores.shape[-1])).any():
        raise ValueError("class index outside [0, C)")
    return -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1).mean()
