"""Correct: clears each .grad by hand, uses named_modules, and returns a tuple of [w, b] lists
(any sequence of pairs is accepted)."""
import torch
from torch import nn


def linear_layers(model):
    return [module for _, module in model.named_modules() if isinstance(module, nn.Linear)]


def layer_gradients(model, sample, target):
    for parameter in model.parameters():
        parameter.grad = None
    logits = model(sample)
    loss = nn.CrossEntropyLoss()(logits, target)
    loss.backward()
    pairs = []
    for layer in linear_layers(model):
        bias = layer.bias.grad.detach().clone() if layer.bias is not None else None
        pairs.append([layer.weight.grad.detach().clone(), bias])
    return tuple(pairs)
