"""Mistake: calls the built-in torch.sigmoid instead of writing the formula.

Rejected by: uses no forbidden names
"""
import torch


def sigmoid(x):
    return torch.sigmoid(x)


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
