"""Mistake: passes download to the training set only, so the test set is never fetched.

Rejected by: download is passed to both data sets, and is off by default
"""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    train_set = datasets.FashionMNIST(root, train=True, download=download, transform=transforms.ToTensor())
    test_set = datasets.FashionMNIST(root, train=False, transform=transforms.ToTensor())
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True)
    return train_loader, DataLoader(test_set, batch_size=batch_size, shuffle=False)


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
            total += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).sum().item()
    return total / len(loader), correct / len(loader.dataset)
