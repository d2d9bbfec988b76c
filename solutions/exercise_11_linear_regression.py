"""Exercise 11 · linear regression from scratch (reference solution)."""

import torch


def fit_line(x: torch.Tensor, y: torch.Tensor, lr: float, epochs: int) -> tuple[float, float]:
    """Fit ``y ≈ w * x + b`` by ``epochs`` steps of full-batch gradient descent on the mean squared error.

    ``w`` and ``b`` start at 0 in the inputs' dtype and on their device; each
    update runs under ``torch.no_grad()`` so it changes the leaf tensors in
    place without being recorded, and the gradients are zeroed afterwards
    because the next ``backward`` would add to them.
    """
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be 1-D tensors of equal length, got shapes "
                         f"{tuple(x.shape)} and {tuple(y.shape)}")
    w = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(epochs):
        pred = w * x + b
        loss = ((pred - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.item(), b.item()
