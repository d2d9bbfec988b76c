"""Exercise 14 · FashionMNIST training (reference solution)."""

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_dataloaders(root: str, batch_size: int = 64, download: bool = False) -> tuple[DataLoader, DataLoader]:
    """FashionMNIST's training and test sets as tensors in [0, 1], in batches of ``batch_size``.

    The training loader shuffles so every epoch sees the samples in a new
    order; the test loader keeps the fixed order, so evaluations compare.
    """
    to_tensor = transforms.ToTensor()
    train_set = datasets.FashionMNIST(root, train=True, download=download, transform=to_tensor)
    test_set = datasets.FashionMNIST(root, train=False, download=download, transform=to_tensor)
    return (DataLoader(train_set, batch_size=batch_size, shuffle=True),
            DataLoader(test_set, batch_size=batch_size, shuffle=False))


def train_epoch(model: nn.Module, loader: DataLoader, loss_fn: nn.Module,
                optimizer: torch.optim.Optimizer, device: str | torch.device) -> float:
    """One pass over ``loader``, one optimizer step per batch; the mean of the batch losses."""
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


def evaluate(model: nn.Module, loader: DataLoader, loss_fn: nn.Module,
             device: str | torch.device) -> tuple[float, float]:
    """``(mean batch loss, accuracy)`` over ``loader``, in eval mode and without tracking gradients.

    Accuracy counts correct predictions over every sample, so a smaller last
    batch weighs no more than its samples.
    """
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            logits = model(X)
            total_loss += loss_fn(logits, y).item()
            correct += (logits.argmax(1) == y).sum().item()
    return total_loss / len(loader), correct / len(loader.dataset)
