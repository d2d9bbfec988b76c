"""Mistake: predict moves the images to get_device() instead of to the model's device, which the caller chose.

Rejected by: predict computes on the model's device and leaves the result there
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
            nn.Linear(28 * 28, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


def predict(model, images):
    with torch.no_grad():
        return torch.softmax(model(images.to(get_device())), dim=1).argmax(dim=1)
