"""Mistake: zeroes the old gradients in place and returns the .grad tensors themselves, so the
next call overwrites what the previous call returned.

Rejected by: an earlier result keeps its values after another call
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    for parameter in model.parameters():
        if parameter.grad is not None:
            parameter.grad.zero_()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    return [(l.weight.grad, None if l.bias is None else l.bias.grad) for l in linear_layers(model)]
