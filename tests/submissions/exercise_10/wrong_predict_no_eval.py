"""Mistake: predict never switches the model to eval mode, so Dropout stays active.

Rejected by: predict matches model(X) in eval mode
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
    with torch.no_grad():
        return model(X)
