"""Correct, in the style of the PyTorch quickstart with zero_grad() moved before backward(); counts as
float sums, batches moved with .to(device) inside the call."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import ToTensor


def make_dataloaders(root, batch_size=64, download=False):
    training_data = datasets.FashionMNIST(root=root, train=True, download=download, transform=ToTensor())
    test_data = datasets.FashionMNIST(root=root, train=False, download=download, transform=ToTensor())
    return DataLoader(training_data, batch_size=batch_size, shuffle=True), DataLoader(test_data, batch_size=batch_size)


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    total = 0.0
    for batch, (X, y) in enumerate(loader):
        pred = model(X.to(device))
        loss = loss_fn(pred, y.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
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
