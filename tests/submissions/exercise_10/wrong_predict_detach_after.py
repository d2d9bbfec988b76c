"""Mistake: predict builds the graph and detaches the result afterwards instead of using torch.no_grad().

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
    out = model(X).detach()
    model.train(was_training)
    return out
