"""Mistake: checks the layer types by hand, then lets the model compute: return model(x).

Rejected by: computes without calling the layers
"""
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


def manual_forward(model, x):
    for layer in model:
        if not isinstance(layer, (nn.Linear, nn.ReLU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Flatten)):
            raise TypeError(f"unsupported layer: {type(layer).__name__}")
    return model(x)
