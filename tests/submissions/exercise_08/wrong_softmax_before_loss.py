"""Mistake: applies softmax to the outputs before nn.CrossEntropyLoss, which applies it again.

Rejected by: layer_gradients matches the reference's gradients
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    model.zero_grad()
    probabilities = torch.softmax(model(sample), dim=1)
    nn.CrossEntropyLoss()(probabilities, target).backward()
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
            for l in linear_layers(model)]
