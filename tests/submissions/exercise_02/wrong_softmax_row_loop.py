"""Mistake: softmax one row at a time, stacked with torch.stack: an empty batch has no row, and stack([]) raises.

Rejected by: softmax matches torch.softmax
"""
import torch


def sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def relu(x):
    return torch.clamp(x, min=0)


def tanh(x):
    e = torch.exp(-2 * x.abs())
    return torch.sign(x) * (1 - e) / (1 + e)


def softmax(x, dim=-1):
    moved = x.movedim(dim, -1)
    rows = []
    for row in moved.reshape(-1, moved.shape[-1]):
        e = torch.exp(row - row.max())
        rows.append(e / e.sum())
    return torch.stack(rows).reshape(moved.shape).movedim(-1, dim)
