"""Correct: positional DataLoader/FashionMNIST arguments and the loss called with keyword arguments."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    t = transforms.ToTensor()
    return (DataLoader(datasets.FashionMNIST(root, True, t, download=download), batch_size, True),
            DataLoader(datasets.FashionMNIST(root, False, t, download=download), batch_size, False))


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    losses = []
    for X, y in loader:
        loss = loss_fn(model(X.to(device)), target=y.to(device))
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
            pred = model(X.to(device))
            total += loss_fn(input=pred, target=y.to(device)).item()
            correct += (pred.argmax(1) == y.to(device)).sum().item()
    return total / len(loader), correct / len(loader.dataset)
