"""Mistake: prints the last epoch's loss after the loop; with epochs=0 there is no last loss and
losses[-1] raises IndexError instead of returning an empty list.

Rejected by: training matches the reference run (losses and final weights)
"""
import torch


def train(model, X, y, loss_fn, lr, epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    print(f"trained {epochs} epochs, final loss {losses[-1]:.4f}")
    return losses


def predict(model, X):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(X)
    model.train(was_training)
    return out
