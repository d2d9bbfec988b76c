"""Exercise 05 · sequential models

``nn.Sequential`` chains layers: the output of each is the input of the
next. Build the three models of the course notes exactly -- the same layer
types, the same sizes, in the same order -- because the grader loads the
reference model's weights into yours and compares the outputs.

Task
----
Write three functions, each returning a new ``nn.Sequential``:

* ``binary_classifier(n_features)`` --
  ``nn.Linear(n_features, 1)`` then ``nn.Sigmoid()``: one probability per
  sample.
* ``four_layer_regressor(n_features)`` -- exactly four ``nn.Linear`` layers,
  ``n_features → 64 → 32 → 16 → 1``, and nothing else (no activation
  between them).
* ``multiclass_classifier(n_features, n_classes)`` --
  ``nn.Linear(n_features, 20)``, ``nn.Linear(20, 12)``, ``nn.Linear(12, 6)``,
  ``nn.Linear(6, n_classes)``, then ``nn.Softmax(dim=-1)``: one row of class
  probabilities per sample.

Each raises ``ValueError`` (with a message) when a size is below 1.
Every ``nn.Linear`` keeps its bias. Naming the layers (an ``OrderedDict``,
``add_module``) is fine: only the layers' types, sizes and order count.

Worked example (course notes)
-----------------------------
>>> model = multiclass_classifier(4, 3)
>>> model
Sequential(
  (0): Linear(in_features=4, out_features=20, bias=True)
  (1): Linear(in_features=20, out_features=12, bias=True)
  (2): Linear(in_features=12, out_features=6, bias=True)
  (3): Linear(in_features=6, out_features=3, bias=True)
  (4): Softmax(dim=-1)
)
>>> probs = model(torch.randn(5, 4))
>>> probs.shape, probs.sum(dim=-1)        # one row of 3 probabilities per sample
(torch.Size([5, 3]), tensor([1., 1., 1., 1., 1.], grad_fn=<SumBackward1>))
>>> four_layer_regressor(8)(torch.randn(5, 8)).shape
torch.Size([5, 1])

Forbidden
---------
Nothing: use ``torch.nn`` freely.

Check your work with ``grade run exercise-05``.
"""

from torch import nn


def binary_classifier(n_features: int) -> nn.Sequential:
    """Return ``nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())``."""
    raise NotImplementedError("binary_classifier: write your implementation here")


def four_layer_regressor(n_features: int) -> nn.Sequential:
    """Return four ``nn.Linear`` layers ``n_features → 64 → 32 → 16 → 1`` in an ``nn.Sequential``."""
    raise NotImplementedError("four_layer_regressor: write your implementation here")


def multiclass_classifier(n_features: int, n_classes: int) -> nn.Sequential:
    """Return ``n_features → 20 → 12 → 6 → n_classes`` linear layers followed by ``nn.Softmax(dim=-1)``."""
    raise NotImplementedError("multiclass_classifier: write your implementation here")
