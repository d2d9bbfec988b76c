"""Mistake: predicts one image at a time and stacks the answers; an empty batch gives torch.stack an
empty list, which raises instead of returning an empty (0,) tensor.

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
    answers = []
    with torch.no_grad():
        for image in images.to(device):
            logits = model(image.unsqueeze(0))
            answers.append(torch.softmax(logits, dim=1).argmax(dim=1)[0])
    return torch.stack(answers)
