"""Forbidden names enforced at run time, in the student's worker.

The static scan (:mod:`grader.source`) reads the names a file spells out. A
file can still reach a forbidden function without spelling it --
``getattr(importlib.import_module("tor" + "ch"), "sig" + "moid")``, or a
layer's ``forward`` saved at import time and called on the layer later --
and then neither the scan nor forward hooks see anything. So before the
student's file is imported, the worker replaces every forbidden callable of
the exercise with a *tripwire*: a wrapper that notes the use and then returns
the real result. Returning the real result (instead of raising) keeps the
other checks' verdicts about what the code computes; the use itself fails
the forbidden-names check, reported by :func:`grader.runner.grade_exercise`.

Only calls made *directly* by code outside torch, the grader and the
standard library count: the grader's probes (building an expected value
with ``model(x)``) and torch's own internals (``nn.Sigmoid.forward`` calling
``torch.sigmoid``) call the same objects legitimately. Direct calls also
name what the student wrote: ``nn.Linear.forward(layer, x)`` is reported as
that, not as the ``F.linear`` it calls in turn.

What a rule covers (the spellings of :mod:`grader.source`):

* ``torch.sigmoid`` -- that callable, in its namespace (and in the C module
  it comes from, when it is a builtin kept there under the same name);
* ``torch.nn.functional`` -- every public torch callable in that module and
  its submodules;
* ``torch.nn.*Loss`` -- every matching name in the parent namespace;
* ``.softmax`` -- the method of that name on ``torch.Tensor``;
* a class: constructing it (its ``__init__``); ``torch.nn.Linear.forward`` --
  that one function, as the "by hand" exercises declare in
  :attr:`grader.exercise.Exercise.tripwires`.

Known gaps, as for any check inside a process the student owns: the C
objects behind a builtin (``torch._C._VariableFunctions.sigmoid``,
``torch._C.TensorBase.sigmoid``) and ``torch.ops.aten`` cannot be replaced,
and code that rewrites the record itself defeats it.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib
import inspect
import os
import sys
import sysconfig
import types
from typing import Any, Callable, Iterable

import torch

MAX_RECORDED = 50
# Plumbing that torch.nn.functional re-exports: never a student's way to a forbidden result.
_INFRASTRUCTURE = ("torch.overrides", "torch._jit_internal", "torch._C")

_recorded: dict[tuple[str, str], None] = {}


def _trusted_roots() -> tuple[str, ...]:
    import grader

    roots = {os.path.dirname(torch.__file__), os.path.dirname(grader.__file__)}
    paths = sysconfig.get_paths()
    roots.update(paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths)
    return tuple(os.path.join(root, "") for root in roots)


def _tripwire(original: Callable, name: str, rule: str, trusted: tuple[str, ...]) -> Callable:
    """``original`` behind a wrapper that records a direct call from untrusted code."""
    getframe = sys._getframe  # bound now: a student who replaces sys._getframe changes nothing here

    def tripwire(*args: Any, **kwargs: Any) -> Any:
        if not getframe(1).f_code.co_filename.startswith(trusted) and len(_recorded) < MAX_RECORDED:
            _recorded[(name, rule)] = None
        return original(*args, **kwargs)

    inner = getattr(original, "__dict__", {}).get("__wrapped__")
    try:
        functools.update_wrapper(tripwire, original)
    except (AttributeError, TypeError):
        pass
    # No signpost back to the unguarded original; a decorated function keeps the one to what it
    # decorates, which torch itself reads (torch._dynamo: torch.nn.attention.sdpa_kernel.__wrapped__).
    if inner is None:
        tripwire.__dict__.pop("__wrapped__", None)
    else:
        tripwire.__wrapped__ = inner
    return tripwire


# What to set to lay an exercise's tripwires: (namespace, attribute, tripwire, the builtin's C module or None).
_Plan = list[tuple[Any, str, Callable, Any]]


class _Installer:
    """Plans the replacement of the callables named by a set of rules, each object once.

    Nothing is replaced while planning, so the forkserver can plan once for
    every worker of an exercise (:func:`prepare`): each worker only sets the
    planned attributes, which are then exactly what it would have replaced.
    """

    def __init__(self) -> None:
        self.trusted = _trusted_roots()
        self.wrappers: dict[int, Callable] = {}
        self.wrapper_ids: set[int] = set()
        self.keep: list[Any] = []  # originals stay alive, so their ids stay unique
        self.visited: set[int] = set()
        self.plan: _Plan = []

    def wrap(self, namespace: Any, attr: str, name: str, rule: str) -> None:
        """Plan a tripwire in place of ``namespace.attr`` (a class: its constructor)."""
        try:
            value = getattr(namespace, attr)
        except Exception:  # a lazy attribute that fails to load is nothing a student can call either
            return
        if inspect.isclass(value):
            self._wrap_class(value, name, rule)
            return
        if not callable(value) or id(value) in self.wrapper_ids:
            return
        wrapper = self.wrappers.get(id(value))
        if wrapper is None:
            wrapper = self.wrappers[id(value)] = _tripwire(value, name, rule, self.trusted)
            self.wrapper_ids.add(id(wrapper))
            self.keep.append(value)
        home = getattr(value, "__self__", None)  # a builtin's C module, e.g. torch._C._nn
        at_home = isinstance(home, types.ModuleType) and getattr(home, attr, None) is value
        self.plan.append((namespace, attr, wrapper, home if at_home else None))

    def _wrap_class(self, cls: type, name: str, rule: str) -> None:
        if id(cls) in self.visited:
            return
        self.visited.add(id(cls))
        init = cls.__dict__.get("__init__")
        if isinstance(cls, type) and issubclass(cls, torch.nn.Module) and init is None:
            init = cls.__init__  # a layer without its own __init__: its construction is still a use
        if inspect.isfunction(init):
            self.plan.append((cls, "__init__", _tripwire(init, name, rule, self.trusted), None))
            self.keep.append(init)

    def wrap_module(self, module: types.ModuleType, rule: str) -> None:
        """Every public torch callable of ``module`` and of its submodules."""
        if id(module) in self.visited:
            return
        self.visited.add(id(module))
        public = [(attr, value) for attr, value in list(vars(module).items()) if not attr.startswith("_")]
        for attr, value in public:  # this module's names first: they name what the student reached
            owner = getattr(value, "__module__", None) or ""
            if isinstance(value, types.ModuleType) or not callable(value) or owner.split(".")[0] != "torch" \
                    or owner.startswith(_INFRASTRUCTURE):
                continue
            if inspect.isclass(value) and not owner.startswith(rule):
                continue  # torch.Tensor re-exported by a module is not that module's
            self.wrap(module, attr, f"{module.__name__}.{attr}", rule)
        for attr, value in public:
            if isinstance(value, types.ModuleType) and value.__name__.startswith(module.__name__ + "."):
                self.wrap_module(value, rule)

    def install(self, rule: str, method_rule: str) -> None:
        if rule.startswith("."):
            self.wrap(torch.Tensor, rule[1:], rule, method_rule)
            return
        if any(ch in rule for ch in "*?["):
            parent_name, _, _ = rule.rpartition(".")
            parent = _resolve(parent_name)
            for attr in list(vars(parent)) if parent is not None else ():
                if fnmatch.fnmatchcase(f"{parent_name}.{attr}", rule):
                    self.wrap(parent, attr, f"{parent_name}.{attr}", rule)
            return
        target = _resolve(rule)
        if isinstance(target, types.ModuleType):
            self.wrap_module(target, rule)
        elif target is not None:
            parent_name, _, attr = rule.rpartition(".")
            self.wrap(_resolve(parent_name), attr, rule, rule)


def _resolve(dotted: str) -> Any:
    """The object a dotted name refers to, importing its module part; None if there is none."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            value = getattr(value, attr, None)
            if value is None:
                return None
        return value
    return None


_PLANS: dict[tuple[tuple[str, ...], tuple[str, ...]], _Plan] = {}


def prepare(forbidden: Iterable[str], by_hand: Iterable[str] = ()) -> _Plan:
    """The plan laying tripwires for an exercise's forbidden rules and its by-hand names.

    Made once per process: the forkserver makes those of the exercises it
    preloads (``grader.worker.prepare_forkserver``), so that the workers it
    forks skip the walk through torch's namespaces (up to 30 ms each).
    """
    key = (tuple(forbidden), tuple(by_hand))
    if key not in _PLANS:
        installer = _Installer()
        for rule in key[0]:
            installer.install(rule, f"the {rule}() method" if rule.startswith(".") else rule)
        for name in key[1]:
            installer.install(name, "compute it by hand, without a layer's own forward")
        _PLANS[key] = installer.plan
    return _PLANS[key]


def install(forbidden: Iterable[str], by_hand: Iterable[str] = ()) -> None:
    """Lay tripwires for an exercise's forbidden rules and its by-hand names.

    Runs in the worker before the student's file is imported (and before the
    worker snapshots the namespaces it restores after every probe, so a file
    that puts an original back gets the tripwire back).
    """
    for namespace, attr, wrapper, home in prepare(forbidden, by_hand):
        try:
            setattr(namespace, attr, wrapper)
        except (AttributeError, TypeError):
            continue
        if home is not None:
            setattr(home, attr, wrapper)


def recorded() -> list[list[str]]:
    """``[name, rule]`` of each forbidden callable the student's code called, in order."""
    return [[name, rule] for name, rule in _recorded]


PROBE = "forbidden_calls"


def forbidden_calls(module: types.ModuleType, device: str) -> dict:
    """The worker-side probe (named :data:`PROBE`) the grading process asks once the checks have run."""
    return {"calls": recorded()}
