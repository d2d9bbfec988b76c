"""Mistake: loops over a container itself (for part in model) and over children() otherwise; an
nn.ModuleDict yields its keys, not its layers, so the layers kept in one are never found.

Rejected by: linear_layers lists every nn.Linear in model.modules() order
"""
import torch
from torch import nn


def linear_layers(model):
    if isinstance(model, nn.Linear):
        return [model]
    containers = (nn.Sequential, nn.ModuleList, nn.ModuleDict)
    parts = model if isinstance(model, containers) else model.children()
    found = []
    for part in parts:
        if isinstance(part, nn.Module):
            found += linear_layers(part)
    return found


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
            for l in linear_layers(model)]
