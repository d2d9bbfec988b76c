"""Exercise 10 · training loop (reference solution)."""

import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, loss_fn: nn.Module,
          lr: float, epochs: int) -> list[float]:
    """Full-batch gradient descent with one SGD optimizer; the loss of each epoch before its step.

    The gradients are cleared at the start of every epoch because
    ``backward`` adds to ``.grad`` instead of replacing it; ``loss.item()``
    turns the 0-D loss into a Python float, which also lets its graph go.
    """
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """``model(X)`` in eval mode without recording a graph; the caller's train/eval mode comes back."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(X)
    finally:
        model.train(was_training)
