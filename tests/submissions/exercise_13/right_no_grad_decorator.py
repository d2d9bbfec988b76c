"""Correct: the stack built from a list, predict decorated with @torch.no_grad(), argmax over the last dim."""
import torch
from torch import nn

SIZES = [28 * 28, 512, 512, 10]


def get_device():
    device = "cpu"
    if torch.backends.mps.is_available():
        device = "mps"
    if torch.cuda.is_available():
        device = "cuda"
    return device


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        for n_in, n_out in zip(SIZES, SIZES[1:]):
            layers += [nn.Linear(n_in, n_out), nn.ReLU()]
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(*layers[:-1])

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


@torch.no_grad()
def predict(model, images):
    device = next(iter(model.parameters())).device
    logits = model(images.to(device))
    return logits.softmax(dim=1).argmax(dim=-1)
