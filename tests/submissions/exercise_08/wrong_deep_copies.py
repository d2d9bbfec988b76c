"""Mistake: returns copy.deepcopy of each layer, so changing a returned layer does not change the model.

Rejected by: linear_layers returns the model's own layers, not copies
"""
import copy

import torch
from torch import nn


def linear_layers(model):
    return [copy.deepcopy(m) for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone()) for l in layers]
