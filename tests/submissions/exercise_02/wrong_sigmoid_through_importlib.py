"""Mistake: reaches torch.sigmoid through importlib and getattr with names built at run time.

Rejected by: uses no forbidden names
"""
import importlib

import torch

_library = importlib.import_module("tor" + "ch")


def sigmoid(x):
    return getattr(_library, "sig" + "moid")(x)


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    return 2 * sigmoid(2 * x) - 1


def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
