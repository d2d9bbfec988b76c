"""Mistake: train_epoch moves the images to the device but not the labels; on a GPU the loss then mixes a
cuda tensor with a CPU one and raises (on the CPU nothing shows).

Rejected by: train_epoch moves X and y to device
"""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    to_tensor = transforms.ToTensor()
    train_set = datasets.FashionMNIST(root, train=True, download=download, transform=to_tensor)
    test_set = datasets.FashionMNIST(root, train=False, download=download, transform=to_tensor)
    return DataLoader(train_set, batch_size=batch_size, shuffle=True), DataLoader(test_set, batch_size=batch_size)


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    losses = []
    for X, y in loader:
        X = X.to(device)
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
            logits = model(X)
            total += loss_fn(logits, y).item()
            correct += (logits.argmax(1) == y).sum().item()
    return total / len(loader), correct / len(loader.dataset)
