"""Mistake: forward flattens with x.view(x.size(0), -1) instead of self.flatten; right for every batch
but an empty one, where view cannot work out the -1 (0 elements fit any size) and raises.

Rejected by: NeuralNetwork matches the notes' network with the same weights
"""
import torch
from torch import nn


def get_device():
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))

    def forward(self, x):
        return self.linear_relu_stack(x.view(x.size(0), -1))


def predict(model, images):
    device = next(model.parameters()).device
    with torch.no_grad():
        return torch.softmax(model(images.to(device)), dim=1).argmax(dim=1)
