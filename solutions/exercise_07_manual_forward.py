"""Exercise 07 · forward pass by hand (reference solution)."""

import torch
from torch import nn


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """``x @ weight.T + bias`` for ``x`` of shape ``(..., in)``: the matmul broadcasts over leading dims."""
    out_features, in_features = weight.shape
    if x.shape[-1] != in_features:
        raise ValueError(f"x has {x.shape[-1]} features in its last dimension, but weight expects {in_features}")
    if bias is not None and bias.shape != (out_features,):
        raise ValueError(f"bias must have shape ({out_features},) to match weight, got {tuple(bias.shape)}")
    out = x @ weight.T
    return out if bias is None else out + bias


def _sigmoid(h: torch.Tensor) -> torch.Tensor:
    # exp of a non-positive number never overflows: use exp(-|h|) on both sides of 0.
    e = torch.exp(-h.abs())
    return torch.where(h >= 0, 1 / (1 + e), e / (1 + e))


def _tanh(h: torch.Tensor) -> torch.Tensor:
    # tanh(|h|) = (1 - e) / (1 + e) with e = exp(-2|h|) <= 1; expm1 keeps small |h| accurate.
    e = torch.exp(-2 * h.abs())
    return torch.copysign(-torch.expm1(-2 * h.abs()) / (1 + e), h)


def _softmax(h: torch.Tensor, dim: int) -> torch.Tensor:
    # Shifting by the maximum leaves softmax unchanged and keeps exp from overflowing.
    e = torch.exp(h - h.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)


def manual_forward(model: nn.Sequential, x: torch.Tensor) -> torch.Tensor:
    """Apply each layer's computation to ``x`` from its parameters and settings, never calling a module."""
    h = x
    for layer in model:
        if isinstance(layer, nn.Linear):
            h = linear_forward(h, layer.weight, layer.bias)
        elif isinstance(layer, nn.ReLU):
            h = torch.clamp(h, min=0)
        elif isinstance(layer, nn.Sigmoid):
            h = _sigmoid(h)
        elif isinstance(layer, nn.Tanh):
            h = _tanh(h)
        elif isinstance(layer, nn.Softmax):
            h = _softmax(h, layer.dim)
        elif isinstance(layer, nn.Flatten):
            h = h.flatten(layer.start_dim, layer.end_dim)
        else:
            raise TypeError(f"manual_forward does not support {type(layer).__name__} layers")
    return h
