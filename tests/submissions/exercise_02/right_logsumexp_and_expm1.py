"""Correct: softmax as exp(x - logsumexp(x)), tanh with expm1, sigmoid from tanh, relu as x * (x > 0)."""
import torch


def tanh(x):
    t = torch.expm1(-2 * x.abs())
    return -torch.sign(x) * t / (t + 2)


def sigmoid(x):
    return 0.5 * (1 + tanh(x / 2))


def relu(x):
    return x * (x > 0)


def softmax(x, dim=-1):
    return torch.exp(x - torch.logsumexp(x, dim=dim, keepdim=True))
