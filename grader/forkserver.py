"""Where workers come from: a forkserver that imported the heavy modules once.

Importing torch costs about two seconds; paying it once per exercise would
dominate grading. A multiprocessing *forkserver* is a clean process, started
once per grading run, that imports torch, hypothesis and every checks module
(with what its students' files import: torchvision for exercise 14) and
then forks a fresh worker per exercise: no state leaks between workers, and
none of them pays for the imports. It starts before any CUDA context or
thread pool exists in it (none of those imports starts a thread), which is
what makes forking safe.

This module imports nothing heavy, so the command line can start the
forkserver first and let its imports overlap with its own ``import torch``.
Platforms without fork get the cold ``spawn`` start: slower, same verdicts.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from multiprocessing.context import BaseContext

_START_LOCK = threading.Lock()


@contextlib.contextmanager
def main_module_hidden():
    """Keep multiprocessing from re-running the caller's ``__main__`` in its children.

    ``multiprocessing`` re-imports the parent's main script in every child it
    starts (as ``__mp_main__``). For ``grade`` that is wasted time, under
    pytest it imports pytest again, and for a script without a
    ``__name__ == "__main__"`` guard it would grade again, recursively. The
    worker needs nothing from ``__main__``, so hide it while the child's
    start-up data is taken.
    """
    main = sys.modules["__main__"]
    with _START_LOCK:
        saved = {key: main.__dict__[key] for key in ("__file__", "__spec__") if key in main.__dict__}
        main.__dict__.pop("__file__", None)
        main.__dict__["__spec__"] = None
        try:
            yield
        finally:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


_CONTEXT: BaseContext | None = None


def context(checks_modules: list[str] | None = None, imports: bool = True) -> BaseContext:
    """The multiprocessing context workers are started from.

    The first call decides what the forkserver preloads: the worker, the
    given checks modules (all of them when not given) and, with ``imports``,
    what their students' files import beyond torch (``Exercise.imports``,
    read from ``catalog.json``). A worker still imports its own checks module
    and the student's imports, so a module missing here costs time, not
    correctness: preloading torchvision (a tenth of a second, with
    ``torch._dynamo`` deferred) pays once for a class, but would delay every
    worker of a single run, where the one worker that needs it pays it
    beside the others.
    """
    global _CONTEXT
    if _CONTEXT is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            from grader import catalog

            by_module = {entry.module: entry for entry in catalog.entries()}
            if checks_modules is None:
                checks_modules = list(by_module)
            wanted = [name for module in checks_modules if imports and module in by_module
                      for name in catalog.info(by_module[module]).imports]
            _CONTEXT = multiprocessing.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["grader.worker", *checks_modules, *dict.fromkeys(wanted),
                                             "grader.warm"])  # last: it ends the preload
        else:
            _CONTEXT = multiprocessing.get_context("spawn")
    return _CONTEXT


def start(checks_modules: list[str] | None = None, imports: bool = True) -> None:
    """Start the forkserver now, so its imports overlap with the caller's (idempotent)."""
    if context(checks_modules, imports).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with main_module_hidden():
            forkserver.ensure_running()
