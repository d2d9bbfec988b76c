"""Mistake: leaves the shape checks to torch: a bias of length 1 broadcasts silently, other mismatches raise RuntimeError.

Rejected by: linear_forward raises ValueError for mismatched shapes
"""
import torch
from torch import nn


def linear_forward(x, weight, bias=None):
    out = x @ weight.T
    if bias is not None:
        out = out + bias
    return out


def softmax(h, dim):
    e = torch.exp(h - h.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)


def sigmoid(h):
    e = torch.exp(-h.abs())
    return torch.where(h >= 0, 1 / (1 + e), e / (1 + e))


def tanh(h):
    return 2 * sigmoid(2 * h) - 1


def manual_forward(model, x):
    h = x
    for layer in model:
        if isinstance(layer, nn.Linear):
            h = linear_forward(h, layer.weight, layer.bias)
        elif isinstance(layer, nn.ReLU):
            h = torch.clamp(h, min=0)
        elif isinstance(layer, nn.Sigmoid):
            h = sigmoid(h)
        elif isinstance(layer, nn.Tanh):
            h = tanh(h)
        elif isinstance(layer, nn.Softmax):
            h = softmax(h, layer.dim)
        elif isinstance(layer, nn.Flatten):
            h = h.flatten(layer.start_dim, layer.end_dim)
        else:
            raise TypeError(f"unsupported layer: {type(layer).__name__}")
    return h
