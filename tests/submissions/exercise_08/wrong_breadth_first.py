"""Mistake: walks the model breadth first, so a Linear after a nested container comes too early.

Rejected by: linear_layers lists every nn.Linear in model.modules() order
"""
from collections import deque

import torch
from torch import nn


def linear_layers(model):
    found, queue = [], deque([model])
    while queue:
        module = queue.popleft()
        if isinstance(module, nn.Linear):
            found.append(module)
        queue.extend(module.children())
    return found


def layer_gradients(model, sample, target):
    model.zero_grad()
    nn.CrossEntropyLoss()(model(sample), target).backward()
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [(l.weight.grad.clone(), None if l.bias is None else l.bias.grad.clone()) for l in layers]
