"""Mistake: predict forgets torch.no_grad(), so autograd records the forward and the result has a grad_fn.

Rejected by: predict tracks no gradients
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
    out = model(X)
    model.train(was_training)
    return out
