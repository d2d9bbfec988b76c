"""Mistake: writes tanh as 2 * sigmoid(x) - 1, forgetting the 2 in 2 * sigmoid(2 * x) - 1.

Rejected by: tanh matches torch.tanh
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    return 2 * sigmoid(x) - 1


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
