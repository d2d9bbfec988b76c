"""Mistake: avoids overflow by clamping x to [-80, 80] before exp instead of subtracting the maximum.

Rejected by: softmax ignores a constant added along dim
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    e = torch.exp(torch.clamp(x, -80, 80))
    return e / e.sum(dim=dim, keepdim=True)
