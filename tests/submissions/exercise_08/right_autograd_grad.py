"""Correct: torch.autograd.grad returns fresh gradients without touching any .grad field."""
import torch
import torch.nn.functional as F
from torch import nn


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def layer_gradients(model, sample, target):
    layers = linear_layers(model)
    wanted = [p for layer in layers for p in (layer.weight, layer.bias) if p is not None]
    grads = iter(torch.autograd.grad(F.cross_entropy(model(sample), target), wanted))
    return [(next(grads), next(grads) if layer.bias is not None else None) for layer in layers]
