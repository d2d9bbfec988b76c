"""Mistake: zeroes the gradients only after each step. The model it is given may still hold gradients
from an earlier backward, and the first epoch's step then uses them too.

Rejected by: every step uses only that epoch's gradients
"""
import torch


def train(model, X, y, loss_fn, lr, epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, foreach=False)
    losses = [0.0] * epochs
    for epoch in range(epochs):
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=False)
        losses[epoch] = loss.item()
    return losses


@torch.no_grad()
def predict(model, X):
    mode = model.training
    try:
        model.eval()
        return model(X)
    finally:
        model.train(mode)
