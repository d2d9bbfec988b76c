"""Keep ``torch._dynamo`` (torch.compile's engine) unimported until something uses it.

Many of torch's operations on the ``meta`` device run Python reference
implementations wrapped by ``torch._compile._disable_dynamo``, whose first
call imports ``torch._dynamo`` only to wrap the function so that
``torch.compile`` does not trace into it. That import costs about 1.6 s (80%
of ``import torch`` itself), and the checks that a result stays on its
inputs' device run on ``meta``: without this module every grading run would
pay it on its critical path, in the worker and again in the grading process.

:func:`install` puts a stand-in at ``sys.modules["torch._dynamo"]`` whose
``disable(fn)`` returns ``fn`` itself and whose ``graph_break()`` (called by
every optimizer's ``step()``) does nothing, which is what both amount to
while nothing is being compiled: nothing here compiles. Anything else asked
of it (``torch.compile`` in a student's code, ``torch._dynamo.reset()``, a
decorator form of ``disable``) imports the real ``torch._dynamo`` and answers
from it, so code that does use it still works; it only loses the
graph-break at those few reference functions already called, which changes
no result.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any, Callable

_NAME = "torch._dynamo"


class _Deferred(types.ModuleType):
    """Stands in for ``torch._dynamo`` until anything but ``disable(fn)`` or ``graph_break()`` is asked of it."""

    def disable(self, fn: Callable | None = None, *args: Any, **kwargs: Any) -> Any:
        if fn is None:  # the decorator form: let the real module build it
            return _real().disable(fn, *args, **kwargs)
        return fn

    def graph_break(self, msg: str = "") -> None:
        """Nothing, as the real one does outside compiled code (every optimizer ``step()`` calls it)."""

    def __getattr__(self, name: str) -> Any:
        if name in ("__file__", "__wrapped__"):  # what inspect asks of every module: not a use
            raise AttributeError(name)
        return getattr(_real(), name)


def _real() -> types.ModuleType:
    """Import the real ``torch._dynamo`` in place of the stand-in (once)."""
    if isinstance(sys.modules.get(_NAME), _Deferred):
        del sys.modules[_NAME]
    return importlib.import_module(_NAME)


def install() -> None:
    """Defer ``torch._dynamo``'s import in this process (and the processes it forks); idempotent."""
    if _NAME not in sys.modules:
        sys.modules[_NAME] = _Deferred(_NAME)
