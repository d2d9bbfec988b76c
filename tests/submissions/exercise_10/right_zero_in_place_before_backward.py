"""Correct: gradients zeroed in place (set_to_none=False) before each backward, losses written into a
list made up front; predict restores the mode in finally."""
import torch


def train(model, X, y, loss_fn, lr, epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, foreach=False)
    losses = [0.0] * epochs
    for epoch in range(epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
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
