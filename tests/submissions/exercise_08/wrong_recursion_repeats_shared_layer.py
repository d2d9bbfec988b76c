"""Mistake: a depth-first recursion over children() that remembers nothing, so a layer object used in
two sub-blocks is listed (and its gradients returned) twice; model.modules() visits each module once.

Rejected by: linear_layers lists every nn.Linear in model.modules() order
"""
import torch
from torch import nn


def linear_layers(model):
    found = [model] if isinstance(model, nn.Linear) else []
    for child in model.children():
        found += linear_layers(child)
    return found


def layer_gradients(model, sample, target):
    model.zero_grad()
    loss = nn.CrossEntropyLoss()(model(sample), target)
    loss.backward()
    return [(layer.weight.grad, layer.bias.grad if layer.bias is not None else None)
            for layer in linear_layers(model)]
