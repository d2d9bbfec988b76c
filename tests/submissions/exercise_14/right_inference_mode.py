"""Correct: a pathlib root, an explicit RandomSampler, stacked loss tensors, inference_mode, counted samples."""
from pathlib import Path

import torch
from torch.utils.data import DataLoader, RandomSampler
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    transform = transforms.Compose([transforms.ToTensor()])
    train_set = datasets.FashionMNIST(Path(root), train=True, download=download, transform=transform)
    test_set = datasets.FashionMNIST(Path(root), train=False, download=download, transform=transform)
    train_loader = DataLoader(train_set, batch_size=batch_size, sampler=RandomSampler(train_set))
    test_loader = DataLoader(test_set, batch_size=batch_size, shuffle=False)
    return train_loader, test_loader


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    losses = []
    for X, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(X.to(device)), y.to(device))
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
    return torch.stack(losses).mean().item()


def evaluate(model, loader, loss_fn, device):
    model.eval()
    losses, correct, seen = [], 0, 0
    with torch.inference_mode():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            logits = model(X)
            losses.append(loss_fn(logits, y))
            correct += int((logits.argmax(dim=1) == y).sum())
            seen += len(y)
    return torch.stack(losses).mean().item(), correct / seen
