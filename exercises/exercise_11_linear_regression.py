"""Exercise 11 · linear regression from scratch

Before ``nn.Linear`` and ``torch.optim`` do it for you, fit a line
``y ≈ w * x + b`` with nothing but tensors and autograd: two numbers, a
loss, ``backward``, and an update you write yourself.

Task
----
Write ``fit_line(x, y, lr, epochs)``:

* ``x`` and ``y`` are 1-D float tensors (float32 or float64) of equal
  length; raise ``ValueError`` (with a message) for inputs that are not
  1-D of equal length (a 2-D or 0-D tensor, lengths that differ);
* start from ``w = 0.0`` and ``b = 0.0``: tensors with
  ``requires_grad=True``;
* each epoch: ``pred = w * x + b``; ``loss = ((pred - y) ** 2).mean()``;
  ``loss.backward()``; update ``w`` and ``b`` **in place** by
  ``-lr * grad`` without recording history (inside ``torch.no_grad()``);
  then zero the gradients;
* return ``(w, b)`` as Python floats after ``epochs`` epochs.

Worked example (course notes)
-----------------------------
>>> x = torch.tensor([1.0, 2.0, 3.0, 4.0])
>>> y = 2 * x + 1
>>> fit_line(x, y, lr=0.05, epochs=1)  # one step: (2·lr·mean(x·y), 2·lr·mean(y))
(1.75, 0.6000000238418579)
>>> w, b = fit_line(x, y, lr=0.05, epochs=1000)
>>> round(w, 3), round(b, 3)
(2.0, 1.0)

Forbidden
---------
``torch.optim``, ``torch.nn`` (``torch.nn.functional`` included),
``torch.linalg`` and ``torch.lstsq``: write the loss and the update
yourself. A closed-form least-squares answer is not gradient descent either:
after a finite number of epochs the descent has not reached it yet.

Check your work with ``grade run exercise-11``.
"""

import torch


def fit_line(x: torch.Tensor, y: torch.Tensor, lr: float, epochs: int) -> tuple[float, float]:
    """Fit ``y ≈ w * x + b`` by ``epochs`` steps of gradient descent from ``w = b = 0``; return ``(w, b)``."""
    raise NotImplementedError("fit_line: write your implementation here")
