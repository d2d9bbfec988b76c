"""Mistake: subtracts the maximum of the whole tensor, so a slice far below it underflows to 0 / 0.

Rejected by: softmax is finite and sums to 1 along dim for inputs up to 1e4
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
    e = torch.exp(x - x.max())
    return e / e.sum(dim=dim, keepdim=True)
