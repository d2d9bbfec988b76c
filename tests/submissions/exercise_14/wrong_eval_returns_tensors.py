"""Mistake: evaluate keeps its sums as tensors and returns tensors instead of Python floats.

Rejected by: evaluate returns (loss, accuracy) as Python floats
"""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    train_set = datasets.FashionMNIST(root, train=True, download=download, transform=transforms.ToTensor())
    test_set = datasets.FashionMNIST(root, train=False, download=download, transform=transforms.ToTensor())
    return DataLoader(train_set, batch_size=batch_size, shuffle=True), DataLoader(test_set, batch_size=batch_size)


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    losses = []
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


def evaluate(model, loader, loss_fn, device):
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            pred = model(X)
            total += loss_fn(pred, y)
            correct += (pred.argmax(1) == y).sum()
    return total / len(loader), correct.float() / len(loader.dataset)
