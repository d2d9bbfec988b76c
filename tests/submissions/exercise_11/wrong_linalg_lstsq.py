"""Mistake: solves least squares with torch.linalg.lstsq instead of running gradient descent.

Rejected by: uses no forbidden names
"""
import torch


def fit_line(x, y, lr, epochs):
    if x.dim() != 1 or y.dim() != 1 or x.shape != y.shape:
        raise ValueError("x and y must be 1-D tensors of equal length")
    A = torch.stack([x, torch.ones_like(x)], dim=1)
    solution = torch.linalg.lstsq(A, y.unsqueeze(1)).solution
    return solution[0, 0].item(), solution[1, 0].item()
