"""Exercise 09 · manual gradient step

``optimizer.step()`` of ``torch.optim.SGD`` is one line of arithmetic per
parameter: move it a small step against its gradient. Writing that line
yourself shows the three things an optimizer takes care of: the update is
done in place (the model keeps its parameter objects), it is not recorded by
autograd, and the gradient is cleared for the next backward.

Task
----
Write ``sgd_step(parameters, lr)``:

* ``parameters`` is any iterable of tensors: a list, a tuple, or a one-shot
  generator such as ``model.parameters()``, which can be looped over only
  once;
* for each parameter with a gradient: ``p ← p − lr · p.grad``, **in place**,
  so that ``p`` stays the same object, still a leaf with
  ``requires_grad=True``, and no autograd history is recorded;
* then zero that gradient or set it to None;
* leave parameters whose ``.grad`` is None untouched;
* return None;
* raise ``ValueError`` (with a message) if ``lr`` is negative; ``lr=0`` is
  allowed.

The result must match one ``torch.optim.SGD(parameters, lr=lr).step()``.

Worked example (course notes)
-----------------------------
>>> w = torch.tensor([1.0, 2.0], requires_grad=True)
>>> (w ** 2).sum().backward()  # w.grad is tensor([2., 4.])
>>> sgd_step([w], lr=0.1)
>>> w
tensor([0.8000, 1.6000], requires_grad=True)
>>> w.grad is None or bool((w.grad == 0).all())
True

Forbidden
---------
``torch.optim`` (write the step yourself).

Check your work with ``grade run exercise-09``.
"""

from typing import Iterable

import torch


def sgd_step(parameters: Iterable[torch.Tensor], lr: float) -> None:
    """Move each parameter that has a gradient by ``-lr * p.grad`` in place, then clear its gradient."""
    raise NotImplementedError("sgd_step: write your implementation here")
