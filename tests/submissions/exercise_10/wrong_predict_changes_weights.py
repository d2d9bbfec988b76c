"""Mistake: predict scales the weights after each Dropout by (1 - p) in place, as dropout's
original paper does at test time. PyTorch's Dropout already rescales during training, so this
changes the caller's model (and its outputs) for good.

Rejected by: predict leaves the parameters unchanged
"""
import torch
from torch import nn


def train(model, X, y, loss_fn, lr, epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model, X):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            keep = 1.0
            for layer in model.modules():
                if isinstance(layer, nn.Dropout):
                    keep = 1.0 - layer.p
                elif isinstance(layer, nn.Linear) and keep != 1.0:
                    layer.weight.mul_(keep)
                    keep = 1.0
            return model(X)
    finally:
        model.train(was_training)
