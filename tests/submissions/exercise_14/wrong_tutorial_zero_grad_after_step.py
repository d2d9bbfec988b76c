"""Mistake: the PyTorch quickstart's order, zero_grad() only after step(). The task clears the gradients
before backward: a model handed over with gradients left from an earlier backward (a cell that ran
loss.backward() to look at them) takes its first step with those added in.

Rejected by: train_epoch trains like the reference
"""
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import ToTensor


def make_dataloaders(root, batch_size=64, download=False):
    training_data = datasets.FashionMNIST(root=root, train=True, download=download, transform=ToTensor())
    test_data = datasets.FashionMNIST(root=root, train=False, download=download, transform=ToTensor())
    train_dataloader = DataLoader(training_data, batch_size=batch_size, shuffle=True)
    test_dataloader = DataLoader(test_data, batch_size=batch_size)
    return train_dataloader, test_dataloader


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    total = 0.0
    for batch, (X, y) in enumerate(loader):
        X, y = X.to(device), y.to(device)
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        total += loss.item()
    return total / len(loader)


def evaluate(model, loader, loss_fn, device):
    size = len(loader.dataset)
    num_batches = len(loader)
    model.eval()
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    return test_loss, correct
