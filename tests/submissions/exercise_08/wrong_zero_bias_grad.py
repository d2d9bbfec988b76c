"""Mistake: gives a layer without bias a zero bias gradient instead of None.

Rejected by: one (weight_grad, bias_grad) pair per nn.Linear, bias_grad None without bias
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    pairs = []
    for layer in linear_layers(model):
        if layer.bias is None:
            bias_grad = torch.zeros(layer.out_features, dtype=layer.weight.dtype, device=layer.weight.device)
        else:
            bias_grad = layer.bias.grad.clone()
        pairs.append((layer.weight.grad.clone(), bias_grad))
    return pairs
