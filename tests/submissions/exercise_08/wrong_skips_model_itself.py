"""Mistake: recurses into the children only, so a model that is itself an nn.Linear gives [].

Rejected by: linear_layers lists every nn.Linear in model.modules() order
"""
import torch
from torch import nn


def linear_layers(model):
    found = []
    for child in model.children():
        if isinstance(child, nn.Linear):
            found.append(child)
        found.extend(linear_layers(child))
    return found


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone()) for l in layers]
