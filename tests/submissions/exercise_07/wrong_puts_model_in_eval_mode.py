"""Mistake: starts with model.eval() ("only inference here"): the caller's model, in the middle of training,
comes back in eval mode.

Rejected by: leaves the model's mode and gradients as they were
"""
import torch
from torch import nn


def linear_forward(x, weight, bias=None):
    if x.shape[-1] != weight.shape[1]:
        raise ValueError(f"x has {x.shape[-1]} features, weight expects {weight.shape[1]}")
    if bias is not None and bias.shape != (weight.shape[0],):
        raise ValueError(f"bias must have {weight.shape[0]} entries, got shape {tuple(bias.shape)}")
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
    model.eval()
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
