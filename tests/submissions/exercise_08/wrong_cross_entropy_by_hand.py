"""Mistake: writes the cross-entropy by hand as -log(softmax(logits)) of the target; when the logits lie
far apart the target's probability underflows to 0, the loss is inf and every gradient nan, where
nn.CrossEntropyLoss (a log-softmax) stays finite.

Rejected by: layer_gradients matches the reference's gradients
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    model.zero_grad()
    probabilities = torch.softmax(model(sample), dim=1)
    loss = -torch.log(probabilities[torch.arange(len(target)), target]).mean()
    loss.backward()
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
            for l in linear_layers(model)]
