"""Exercise 08 · layers and gradients (reference solution)."""

import torch
from torch import nn


def linear_layers(model: nn.Module) -> list[nn.Linear]:
    """Every nn.Linear in ``model`` (itself included), at any depth, in ``model.modules()`` order."""
    return [module for module in model.modules() if isinstance(module, nn.Linear)]


def layer_gradients(model: nn.Module, sample: torch.Tensor,
                    target: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor | None]]:
    """The cross-entropy gradient of each nn.Linear's weight and bias, one pair per layer.

    Old gradients are dropped first so that nothing from an earlier backward
    is added in, and the pairs are copies so that a later call, which writes
    new gradients, cannot change them.
    """
    model.zero_grad(set_to_none=True)
    loss = nn.CrossEntropyLoss()(model(sample), target)
    loss.backward()
    return [
        (layer.weight.grad.detach().clone(),
         None if layer.bias is None else layer.bias.grad.detach().clone())
        for layer in linear_layers(model)
    ]
