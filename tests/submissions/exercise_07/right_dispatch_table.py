"""Correct: a table from layer type to function; einsum for Linear, logsumexp for softmax, Flatten's new
shape worked out by hand."""
import math

import torch
from torch import nn


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    n_out, n_in = weight.shape
    if x.shape[-1] != n_in:
        raise ValueError(f"expected {n_in} input features, x has {x.shape[-1]}")
    out = torch.einsum("...i,oi->...o", x, weight)
    if bias is None:
        return out
    if bias.dim() != 1 or bias.shape[0] != n_out:
        raise ValueError(f"bias should hold {n_out} values, its shape is {tuple(bias.shape)}")
    return out + bias


def _flatten(h: torch.Tensor, layer: nn.Flatten) -> torch.Tensor:
    start, end = layer.start_dim % h.dim(), layer.end_dim % h.dim()
    shape = h.shape[:start] + (math.prod(h.shape[start:end + 1]),) + h.shape[end + 1:]
    return h.reshape(shape)


def _softmax(h: torch.Tensor, layer: nn.Softmax) -> torch.Tensor:
    return torch.exp(h - torch.logsumexp(h, dim=layer.dim, keepdim=True))


RULES = {
    nn.Linear: lambda h, layer: linear_forward(h, layer.weight, layer.bias),
    nn.ReLU: lambda h, layer: torch.where(h > 0, h, torch.zeros_like(h)),
    nn.Sigmoid: lambda h, layer: 1 / (1 + torch.exp(-h)),
    nn.Tanh: lambda h, layer: 1 - 2 / (torch.exp(2 * h) + 1),
    nn.Softmax: _softmax,
    nn.Flatten: _flatten,
}


def manual_forward(model: nn.Sequential, x: torch.Tensor) -> torch.Tensor:
    for layer in model:
        if type(layer) not in RULES:
            raise TypeError(f"manual_forward cannot compute a {type(layer).__name__} layer")
    h = x
    for layer in model:
        h = RULES[type(layer)](h, layer)
    return h
