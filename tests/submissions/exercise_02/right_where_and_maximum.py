"""Correct: both sigmoid branches under torch.where, relu with torch.maximum, tanh as 2 * sigmoid(2x) - 1,
softmax with x.max(dim, keepdim=True).values."""
import torch


def sigmoid(x):
    # torch.where picks the finite branch; the other one may overflow, but it is never used.
    return torch.where(x >= 0, 1 / (1 + torch.exp(-x)), torch.exp(x) / (1 + torch.exp(x)))


def relu(x):
    return torch.maximum(x, torch.zeros_like(x))


def tanh(x):
    return 2 * sigmoid(2 * x) - 1


def softmax(x, dim=-1):
    shifted = x - x.max(dim=dim, keepdim=True).values
    numerators = torch.exp(shifted)
    return numerators / torch.sum(numerators, dim=dim, keepdim=True)
