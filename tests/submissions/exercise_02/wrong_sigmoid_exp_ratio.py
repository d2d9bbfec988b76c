"""Mistake: computes sigmoid as exp(x) / (1 + exp(x)), which is inf / inf = nan for large x.

Rejected by: sigmoid, relu and tanh stay finite and in range for inputs up to 1e4
"""
import torch


def sigmoid(x):
    e = torch.exp(x)
    return e / (1 + e)


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
