"""Exercise 02 · activations (reference solution).

Each function is written so that no intermediate ever overflows: ``exp`` is
only taken of values <= 0, so inputs as large as 1e4 give finite results.
"""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """1 / (1 + e^-x), computed from e^-|x| (which is at most 1) so neither branch overflows."""
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x: torch.Tensor) -> torch.Tensor:
    """max(x, 0) element-wise; ``clamp`` keeps the dtype, shape and device of ``x``."""
    return torch.clamp(x, min=0)


def tanh(x: torch.Tensor) -> torch.Tensor:
    """(1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x: the exponent is never positive.

    ``expm1`` gives 1 - e^-2|x| without cancellation, so tiny inputs keep their precision.
    """
    t = -2 * x.abs()
    return torch.sign(x) * -torch.expm1(t) / (1 + torch.exp(t))


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """e^x / sum(e^x) along ``dim``, shifted by the maximum along ``dim`` so every exponent is <= 0."""
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
