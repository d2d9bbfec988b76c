"""Mistake: relu compares with torch.zeros(x.shape), a CPU tensor, so a GPU x raises a device mismatch.

Rejected by: the result stays on x's device
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.maximum(x, torch.zeros(x.shape, dtype=x.dtype))


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
