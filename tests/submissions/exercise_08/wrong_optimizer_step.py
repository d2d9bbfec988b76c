"""Mistake: takes an optimizer step after backward, changing the weights it should only read.

Rejected by: layer_gradients leaves the weights unchanged
"""
import torch
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    optimizer.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    pairs = [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone())
             for l in linear_layers(model)]
    optimizer.step()
    return pairs
