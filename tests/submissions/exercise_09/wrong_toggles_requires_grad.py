"""Mistake: switches requires_grad off around the in-place update instead of using torch.no_grad().

With ordinary gradients the values come out right, but when the gradient carries autograd history
(after backward(create_graph=True)) the update is recorded: p gets a grad_fn and stops being a leaf.

Rejected by: parameters stay the same leaf tensors with requires_grad=True
"""


def sgd_step(parameters, lr):
    if lr < 0:
        raise ValueError(f"lr must not be negative, got {lr}")
    for p in parameters:
        if p.grad is None:
            continue
        p.requires_grad_(False)
        p -= lr * p.grad
        p.requires_grad_(True)
        p.grad = None
