"""Mistake: stores the layers as self.fc1, self.fc2, self.fc3 and applies torch.relu in forward, so the
notes' state_dict keys (linear_relu_stack.0.weight, ...) do not exist.

Rejected by: NeuralNetwork has the notes' layers: flatten and linear_relu_stack
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
        self.fc1 = nn.Linear(28 * 28, 512)
        self.fc2 = nn.Linear(512, 512)
        self.fc3 = nn.Linear(512, 10)

    def forward(self, x):
        x = self.flatten(x)
        logits = self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))
        return logits


def predict(model, images):
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(images.to(device))
        probabilities = torch.softmax(logits, dim=1)
        return probabilities.argmax(dim=1)
