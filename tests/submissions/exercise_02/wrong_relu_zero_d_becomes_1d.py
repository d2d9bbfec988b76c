"""Mistake: compares with torch.zeros(1), so a 0-D input broadcasts to shape (1,).

Rejected by: relu matches torch.relu
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.maximum(x, torch.zeros(1, dtype=x.dtype, device=x.device))


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
