"""Mistake: switches gradients off by freezing the model and switches them back on afterwards for every
parameter; a layer the caller had frozen (requires_grad=False) is trainable again after predict.

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
        return self.linear_relu_stack(self.flatten(x))


def predict(model, images):
    model.requires_grad_(False)
    logits = model(images.to(next(model.parameters()).device))
    model.requires_grad_(True)
    return torch.softmax(logits, dim=1).argmax(dim=1)
