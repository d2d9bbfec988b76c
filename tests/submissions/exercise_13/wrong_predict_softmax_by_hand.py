"""Mistake: writes the softmax by hand as exp(logits) / exp(logits).sum(1); for logits past float32's exp
range (raw 0-255 pixels give logits in the hundreds) exp overflows to inf, the rows turn to nan and
argmax picks a wrong class.

Rejected by: predict matches softmax then argmax of the logits
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
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(images.to(device))
        probabilities = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
        return probabilities.argmax(dim=1)
