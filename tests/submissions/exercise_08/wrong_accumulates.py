"""Mistake: never clears the gradients, so each call adds the previous calls' gradients.

Rejected by: old gradients do not leak in: two calls in a row give the same values
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    nn.CrossEntropyLoss()(model(sample), target).backward()
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
            for l in linear_layers(model)]
