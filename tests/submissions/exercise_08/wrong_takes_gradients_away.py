"""Mistake: takes each .grad out of the layer (reads it, then sets it to None) so that a later call
cannot write into the returned tensor. Right for separate layers, but a weight tied between two
layers is one Parameter: the second layer finds its gradient already taken, None.

Rejected by: layer_gradients matches the reference's gradients
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
        weight_grad, layer.weight.grad = layer.weight.grad, None
        bias_grad = None
        if layer.bias is not None:
            bias_grad, layer.bias.grad = layer.bias.grad, None
        pairs.append((weight_grad, bias_grad))
    return pairs
