"""Mistake: converts the model to float64 with model.double() to match any input, changing the caller's
model.

Rejected by: predict leaves the model unchanged
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
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


def predict(model, images):
    device = next(model.parameters()).device
    with torch.no_grad():
        model.double()
        logits = model(images.to(device, torch.float64))
        probabilities = torch.softmax(logits, dim=1)
        return probabilities.argmax(dim=1)
