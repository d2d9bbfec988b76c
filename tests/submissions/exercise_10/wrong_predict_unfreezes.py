"""Mistake: predict freezes the model to avoid gradients and then unfreezes every parameter; a layer the
caller had frozen (requires_grad=False) is trainable again afterwards.

Rejected by: predict leaves the parameters unchanged
"""
import torch


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
    model.requires_grad_(False)
    out = model(X)
    model.requires_grad_(True)
    model.train(was_training)
    return out
