"""Mistake: builds the forbidden nn.MSELoss through importlib and getattr, so the file never names it.

Rejected by: uses no forbidden names
"""
import importlib

import torch


def mse_loss(pred, target):
    if pred.shape != target.shape:
        raise ValueError("pred and target must have the same shape")
    return getattr(importlib.import_module("torch.nn"), "MSE" + "Loss")()(pred, target)


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
    if ((target < 0) | (target >= scores.shape[-1])).any():
        raise ValueError("class index outside [0, C)")
    return -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1).mean()
