"""Mistake: clears the gradients after reading them instead of before backward, so gradients
left in the model by an earlier backward leak into the first call.

Rejected by: old gradients do not leak in: two calls in a row give the same values
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    nn.CrossEntropyLoss()(model(sample), target).backward()
    pairs = [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
             for l in linear_layers(model)]
    model.zero_grad()
    return pairs
