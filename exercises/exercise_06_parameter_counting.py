"""Exercise 06 · parameter counting

How big is a network? Every ``nn.Linear(n_in, n_out)`` holds a weight matrix
of shape ``(n_out, n_in)`` and, unless ``bias=False``, a bias vector of
length ``n_out``: ``n_in * n_out + n_out`` numbers the optimizer will tune.

Task
----
Write ``count_parameters(model, trainable_only=False)``:

* return the number of scalar parameters of ``model`` as a Python ``int``;
* a parameter object counts once, even when the same layer appears twice
  in the model (a *shared* layer);
* with ``trainable_only=True`` count only the parameters whose
  ``requires_grad`` is True (frozen ones are skipped).

Write ``linear_stack_parameters(sizes, bias=True)``:

* the count for the stack ``Linear(sizes[0], sizes[1])``,
  ``Linear(sizes[1], sizes[2])``, ... -- worked out from the sizes alone,
  as a Python ``int``; with ``bias=False`` the layers have no biases;
* it must answer at once for sizes in the millions, so building the layers
  is not an answer (a ``Linear(10**6, 10**6)`` needs 4 TB of memory);
* raise ``ValueError`` (with a message) if ``len(sizes) < 2`` or a size is
  below 1.

Worked example (course notes)
-----------------------------
>>> model = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2))
>>> count_parameters(model)          # (8*4 + 4) + (4*2 + 2)
46
>>> linear_stack_parameters([8, 4, 2])
46
>>> linear_stack_parameters([8, 4, 2], bias=False)
40

Forbidden
---------
Nothing: ``model.parameters()`` and ``.numel()`` are the tools for the job.

Check your work with ``grade run exercise-06``.
"""

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Return the number of scalar parameters in ``model`` (only trainable ones if asked)."""
    raise NotImplementedError("count_parameters: write your implementation here")


def linear_stack_parameters(sizes: list[int], bias: bool = True) -> int:
    """Return the parameter count of a stack of Linear layers with these sizes, without building it."""
    raise NotImplementedError("linear_stack_parameters: write your implementation here")
