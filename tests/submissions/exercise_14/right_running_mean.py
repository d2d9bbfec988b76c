"""Correct: a running mean of the losses, train(False) for eval mode, set_grad_enabled(False), float()."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root, batch_size=64, download=False):
    def loader(train):
        dataset = datasets.FashionMNIST(root, train, transforms.ToTensor(), download=download)
        return DataLoader(dataset, batch_size, shuffle=train)

    return loader(True), loader(False)


def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train(True)
    mean, count = 0.0, 0
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        count += 1
        mean += (float(loss) - mean) / count
    return mean


def evaluate(model, loader, loss_fn, device):
    model.train(False)
    total_loss = 0.0
    correct = 0
    with torch.set_grad_enabled(False):
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            logits = model(X)
            total_loss += float(loss_fn(logits, y))
            correct += int(torch.sum(torch.argmax(logits, 1) == y))
    return total_loss / len(loader), float(correct) / len(loader.dataset)
