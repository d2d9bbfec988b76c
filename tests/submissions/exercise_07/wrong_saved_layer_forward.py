"""Mistake: runs nn.Linear's own forward through a reference saved at import time, which no hook sees.

Rejected by: uses no forbidden names
"""
import torch
from torch import nn

_LINEAR = nn.Linear.forward  # saved before the grader could watch the class


def linear_forward(x, weight, bias=None):
    if x.shape[-1] != weight.shape[1]:
        raise ValueError(f"x has {x.shape[-1]} features, weight expects {weight.shape[1]}")
    if bias is not None and bias.shape != (weight.shape[0],):
        raise ValueError(f"bias must have {weight.shape[0]} entries, got shape {tuple(bias.shape)}")
    out = x @ weight.T
    return out if bias is None else out + bias


def _sigmoid(h):
    e = torch.exp(-h.abs())
    return torch.where(h >= 0, 1 / (1 + e), e / (1 + e))


def manual_forward(model, x):
    h = x
    for layer in model:
        if isinstance(layer, nn.Linear):
            h = _LINEAR(layer, h)
        elif isinstance(layer, nn.ReLU):
            h = torch.clamp(h, min=0)
        elif isinstance(layer, nn.Sigmoid):
            h = _sigmoid(h)
        elif isinstance(layer, nn.Tanh):
            h = 2 * _sigmoid(2 * h) - 1
        elif isinstance(layer, nn.Softmax):
            e = torch.exp(h - h.amax(dim=layer.dim, keepdim=True))
            h = e / e.sum(dim=layer.dim, keepdim=True)
        elif isinstance(layer, nn.Flatten):
            h = h.flatten(layer.start_dim, layer.end_dim)
        else:
            raise TypeError(f"unsupported layer: {type(layer).__name__}")
    return h
