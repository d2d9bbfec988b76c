"""A network that never flattens its images: the first nn.Linear gets 28 numbers per row."""
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
        pass  # forgot to flatten the images
        logits = self.linear_relu_stack(x)
        return logits


def predict(model, images):
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(images.to(device))
        probabilities = torch.softmax(logits, dim=1)
        return probabilities.argmax(dim=1)
