"""Exercise 10 · training loop

Every PyTorch training loop repeats the same four lines: clear the old
gradients, compute the loss, run backward, take an optimizer step. Here you
write that loop once for full-batch training (the whole data set is one
batch), and the function that uses a trained model for predictions.

Task
----
Write ``train(model, X, y, loss_fn, lr, epochs)``:

* create **one** ``torch.optim.SGD(model.parameters(), lr=lr)``;
* each epoch: clear the gradients, compute ``loss_fn(model(X), y)``, run
  backward and step (``backward`` *adds* to ``.grad``, so clearing matters);
* train ``model`` in place and return a list of ``epochs`` Python floats:
  the loss of each epoch, computed before that epoch's step.

Write ``predict(model, X)``:

* return ``model(X)`` computed under ``torch.no_grad()`` with the model in
  eval mode (so Dropout is off and the result has no ``grad_fn``);
* put the model back in the train/eval mode it was in before the call;
* leave the model's parameters as they were.

Worked example (course notes: a single neuron learns AND)
---------------------------------------------------------
>>> torch.manual_seed(0)
>>> X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
>>> y = torch.tensor([[0.], [0.], [0.], [1.]])
>>> model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
>>> losses = train(model, X, y, nn.BCELoss(), lr=1.0, epochs=1000)
>>> len(losses), type(losses[0])
(1000, <class 'float'>)
>>> round(losses[0], 4), round(losses[-1], 4)
(0.5713, 0.0174)
>>> predict(model, X).round()
tensor([[0.],
        [0.],
        [0.],
        [1.]])
>>> model.training  # predict put it back in train mode
True

Forbidden
---------
Nothing: use ``torch.optim.SGD`` and ``torch.no_grad`` as the notes do.

Check your work with ``grade run exercise-10``.
"""

import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, loss_fn: nn.Module,
          lr: float, epochs: int) -> list[float]:
    """Train ``model`` in place for ``epochs`` full-batch SGD steps; return each epoch's loss before its step."""
    raise NotImplementedError("train: write your implementation here")


def predict(model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """Return ``model(X)`` in eval mode without tracking gradients; restore the model's earlier mode."""
    raise NotImplementedError("predict: write your implementation here")
