"""Mistake: uses the textbook (exp(x) - exp(-x)) / (exp(x) + exp(-x)), which overflows to inf / inf = nan.

Rejected by: sigmoid, relu and tanh stay finite and in range for inputs up to 1e4
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    return (torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
