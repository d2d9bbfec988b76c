"""Mistake: predict switches to eval mode and leaves the model there.

Rejected by: predict restores the model's train/eval mode
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
    model.eval()
    with torch.no_grad():
        return model(X)
