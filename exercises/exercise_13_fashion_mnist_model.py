"""Exercise 13 · FashionMNIST network

FashionMNIST images are 28x28 grey levels of ten kinds of clothing. The
notes' classifier flattens an image into 784 numbers and passes them through
two hidden layers of 512 ReLU units to 10 outputs, one *logit* per class.
The model returns logits, not probabilities: nn.CrossEntropyLoss applies the
softmax itself, and a prediction only needs the largest one.

Task
----
* ``get_device()`` returns ``"cuda"`` if ``torch.cuda.is_available()``, else
  ``"mps"`` if ``torch.backends.mps.is_available()``, else ``"cpu"`` (a
  ``str``), asking torch each time it is called.
* ``class NeuralNetwork(nn.Module)`` with exactly the notes' layers:
  ``self.flatten = nn.Flatten()`` and ``self.linear_relu_stack =
  nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512),
  nn.ReLU(), nn.Linear(512, 10))`` -- 669,706 parameters; ``forward(x)``
  returns the logits, shape ``(N, 10)``, for ``x`` of shape ``(N, 28, 28)``
  or ``(N, 1, 28, 28)``.
* ``predict(model, images)`` returns the predicted classes as an int64
  tensor of shape ``(N,)``: the softmax over dim 1 of the model's logits,
  then the argmax. Move the images to the model's device first (they may
  be on the CPU while the model is on the GPU), compute without tracking
  gradients, return the result on the model's device, and leave the model
  as it was.

Worked example (course notes)
-----------------------------
>>> device = get_device()           # "cpu" on a machine without a GPU
>>> model = NeuralNetwork().to(device)
>>> sum(p.numel() for p in model.parameters())
669706
>>> X = torch.rand(1, 28, 28, device=device)
>>> model(X).shape                  # one logit per class
torch.Size([1, 10])
>>> predict(model, X)               # e.g. tensor([3]): class 3, "Dress"
tensor([3])

Forbidden
---------
Nothing is forbidden.

Check your work with ``grade run exercise-13``.
"""

import torch
from torch import nn


def get_device() -> str:
    """``"cuda"``, ``"mps"`` or ``"cpu"``: the best device available now."""
    raise NotImplementedError("get_device: write your implementation here")


class NeuralNetwork(nn.Module):
    """The notes' classifier: 28x28 images to the logits of 10 classes."""

    def __init__(self) -> None:
        raise NotImplementedError("NeuralNetwork.__init__: call super().__init__(), then create the layers")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("NeuralNetwork.forward: write your implementation here")


def predict(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    """The predicted class of each image: int64, shape (N,), on the model's device."""
    raise NotImplementedError("predict: write your implementation here")
