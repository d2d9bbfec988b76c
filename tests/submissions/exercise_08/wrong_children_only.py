"""Mistake: looks only at model.children(), so Linear layers inside nested containers are missed.

Rejected by: linear_layers lists every nn.Linear in model.modules() order
"""
import torch
from torch import nn


def linear_layers(model):
    return [layer for layer in model.children() if isinstance(layer, nn.Linear)]


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone()) for l in layers]
