"""Mistake: shuffles the caller's X and y in place every epoch (pointless for one full batch).

Rejected by: train leaves X and y unchanged
"""
import torch


def train(model, X, y, loss_fn, lr, epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        order = torch.randperm(len(X))
        X[:] = X[order]
        y[:] = y[order]
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model, X):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(X)
    model.train(was_training)
    return out

