"""Exercise 14 · FashionMNIST training

The network of exercise 13 only becomes useful once it is trained: load
FashionMNIST's 28×28 grayscale clothing images in batches, take one optimizer
step per batch of the training set, and measure loss and accuracy on the
test set after every epoch.

Task
----
Write three functions:

* ``make_dataloaders(root, batch_size=64, download=False)`` returns
  ``(train_loader, test_loader)``: two ``torch.utils.data.DataLoader`` s over
  ``torchvision.datasets.FashionMNIST(root, train=True/False,
  download=download, transform=torchvision.transforms.ToTensor())``.
  ``ToTensor`` turns each image into a float32 tensor of shape ``(1, 28, 28)``
  with values in [0, 1]. The training loader shuffles (a new order every
  epoch), the test loader does not; both use ``batch_size``.
* ``train_epoch(model, loader, loss_fn, optimizer, device)`` puts the model in
  train mode; for each batch ``X, y`` it moves both to ``device``, computes
  the loss, clears the gradients, runs backward and steps. It returns the
  mean of the batch losses as a Python float.
* ``evaluate(model, loader, loss_fn, device)`` puts the model in eval mode
  and, without tracking gradients, returns ``(mean batch loss, accuracy)``,
  both Python floats; accuracy is correct predictions / number of samples
  (prediction = the class with the largest logit), a float in [0, 1].

Worked example (course notes)
-----------------------------
>>> train_loader, test_loader = make_dataloaders("data", batch_size=64, download=True)
>>> X, y = next(iter(test_loader))
>>> X.shape, X.dtype, y.shape, y.dtype
(torch.Size([64, 1, 28, 28]), torch.float32, torch.Size([64]), torch.int64)
>>> model = NeuralNetwork().to(device)          # exercise 13
>>> loss_fn = nn.CrossEntropyLoss()
>>> optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
>>> for epoch in range(5):
...     train_loss = train_epoch(model, train_loader, loss_fn, optimizer, device)
...     test_loss, accuracy = evaluate(model, test_loader, loss_fn, device)
...     print(f"epoch {epoch + 1}: train {train_loss:.3f}  test {test_loss:.3f}  accuracy {accuracy:.1%}")

The losses fall and the accuracy climbs from one epoch to the next.

Forbidden
---------
Nothing: use ``torch``, ``torch.nn``, ``torch.utils.data`` and
``torchvision`` freely.

Check your work with ``grade run exercise-14`` (the grader writes small data
sets in FashionMNIST's own file format; ``grade run exercise-14 --data-root
DIR`` uses a real download in DIR instead).
"""

import torch
from torch import nn
from torch.utils.data import DataLoader


def make_dataloaders(root: str, batch_size: int = 64, download: bool = False) -> tuple[DataLoader, DataLoader]:
    """Return ``(train_loader, test_loader)`` over FashionMNIST in ``root``: train shuffled, test in order."""
    raise NotImplementedError("make_dataloaders: write your implementation here")


def train_epoch(model: nn.Module, loader: DataLoader, loss_fn: nn.Module,
                optimizer: torch.optim.Optimizer, device: str | torch.device) -> float:
    """Train ``model`` for one pass over ``loader``; return the mean batch loss as a Python float."""
    raise NotImplementedError("train_epoch: write your implementation here")


def evaluate(model: nn.Module, loader: DataLoader, loss_fn: nn.Module,
             device: str | torch.device) -> tuple[float, float]:
    """Return ``(mean batch loss, accuracy)`` of ``model`` on ``loader``, as Python floats."""
    raise NotImplementedError("evaluate: write your implementation here")
