"""Exercise 13 · FashionMNIST network (reference solution)."""

import torch
from torch import nn


def get_device() -> str:
    """The best device this machine offers, asked at call time: cuda, then mps, then cpu."""
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class NeuralNetwork(nn.Module):
    """The notes' classifier: 28x28 images to the logits of 10 classes."""

    def __init__(self) -> None:
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear_relu_stack(self.flatten(x))


def predict(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    """The most probable class of each image, on the model's device.

    The images go to the model's device first (a model on the GPU cannot
    read CPU tensors); no_grad because a prediction is never differentiated.
    """
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(images.to(device))
        return torch.softmax(logits, dim=1).argmax(dim=1)
