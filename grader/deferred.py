"""Keep torch's heavy, rarely needed modules unimported until something really uses them.

Operations on the ``meta`` device (the checks that a result stays on its
inputs' device run on it), optimizers and torchvision's import call into
three modules only to learn that there is nothing to do for plain tensors:

- ``torch._dynamo`` (torch.compile's engine, 1.6 s to import, 80% of
  ``import torch`` itself): many meta operations run Python reference
  implementations wrapped by ``torch._compile._disable_dynamo``, whose first
  call imports it only to mark the function "not to be compiled", every
  optimizer's ``step()`` calls ``torch._dynamo.graph_break()``, and
  torchvision (exercise 14) imports ``torch._dynamo.utils`` for a function
  that only its detection operators call;
- ``torch.fx.experimental.symbolic_shapes`` (symbolic sizes, for compiling
  with dynamic shapes): every ``torch._check`` asks its ``expect_true``, and
  the reference implementations its ``guard_or_false`` and kin, which for a
  plain ``bool`` or ``int`` return it as it is;
- ``sympy`` (0.3 s, imported by the former): the reference implementations'
  type promotion asks whether an argument is a ``sympy.Basic``.

Without this module every grading run would pay those imports on its
critical path, in the worker and again in the grading process.

:func:`install` puts a stand-in at each one's ``sys.modules`` entry that
answers those questions for plain Python values itself, exactly as the real
function does, and nothing else: a symbolic size, ``torch.compile`` in a
student's code, an import of a submodule, any other attribute, turns the
stand-in into the real module in place (its code runs in the same module
object, so a reference taken earlier to the stand-in is the real module
from then on) and answers from it. Code that does use them still works: a
function taken from a stand-in before (``from ... import guard_or_false``)
stays the stand-in's, which answers as the real one does and hands it
anything but a plain value, and ``torch._dynamo`` loses the graph-break at
those few reference functions already called, which changes no result.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import operator
import sys
import threading
import types
from typing import Any, Callable

import torch

_becoming = threading.RLock()  # re-entrant: a real module makes the ones it imports real first


class _Deferred(types.ModuleType):
    """Stands in for a module until anything it does not answer itself is asked of it."""

    _package = True  # a package answers ``__path__`` (an import of a submodule): from the real module
    # Deferred modules the real one imports: made real before it, so that its code and the modules
    # it imports bind the real modules and functions, not a stand-in's.
    _imports: tuple[str, ...] = ()

    def __getattr__(self, name: str) -> Any:
        if name in ("__file__", "__wrapped__"):  # what inspect asks of every module: not a use
            raise AttributeError(name)
        if name == "__path__" and not self._package:  # what ``from module import name`` asks first
            raise AttributeError(name)
        return _real(self, name)


def _become_real(module: types.ModuleType) -> types.ModuleType:
    """Run the real module's code in the stand-in ``module`` (once), as ``import`` would have.

    A module-level function, not a method: a stand-in's function taken before (``from module
    import expect_true``) still calls it after ``module`` has stopped being a :class:`_Deferred`."""
    with _becoming:
        if isinstance(module, _Deferred):
            for name in module._imports:
                if isinstance(imported := sys.modules.get(name), _Deferred):
                    _become_real(imported)
            spec = module.__spec__
            module.__class__ = types.ModuleType
            module.__loader__, module.__package__ = spec.loader, spec.parent
            if spec.submodule_search_locations is not None:
                module.__path__ = spec.submodule_search_locations
            if spec.has_location:
                module.__file__, module.__cached__ = spec.origin, spec.cached
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(module.__name__, None)  # as a failed import leaves it
                raise
    return module


def _real(module: types.ModuleType, name: str) -> Any:
    """The real module's ``name``, for what a stand-in does not answer itself."""
    return getattr(_become_real(module), name)


class _Dynamo(_Deferred):
    """``torch._dynamo`` while nothing compiles: ``disable(fn)`` is ``fn``, ``graph_break()`` nothing."""

    _imports = ("torch.fx.experimental.symbolic_shapes",)

    def disable(self, fn: Callable | None = None, *args: Any, **kwargs: Any) -> Any:
        if fn is None:  # the decorator form: let the real module build it
            return _real(self, "disable")(fn, *args, **kwargs)
        return fn

    def graph_break(self, msg: str = "") -> None:
        """Nothing, as the real one does outside compiled code (every optimizer ``step()`` calls it)."""


class _DynamoUtils(_Deferred):
    """``torch._dynamo.utils``, of which torchvision's ``ops`` imports ``is_compile_supported`` at
    import time and calls it only when a detection op runs: the real one is imported then."""

    _package = False
    _imports = ("torch._dynamo",)

    def is_compile_supported(self, device_type: Any) -> Any:
        return _real(self, "is_compile_supported")(device_type)


_SYM_TYPES = (torch.SymInt, torch.SymFloat, torch.SymBool)


class _SymbolicShapes(_Deferred):
    """``torch.fx.experimental.symbolic_shapes`` for plain values: each function below returns what
    the real one does for a plain ``bool`` or ``int`` (or lists of them) and hands anything else (a
    symbolic value, or a wrong type, which the real one rejects) to the real function; the meta
    device's operations in grading call nothing else of it. tests/test_deferred.py compares both."""

    _package = False
    _imports = ("sympy",)

    def expect_true(self, a: Any, skip: int = 0) -> Any:
        return a if type(a) is bool else _real(self, "expect_true")(a, skip + 1)

    def guard_bool(self, a: Any) -> Any:
        return a if type(a) is bool else _real(self, "guard_bool")(a)

    def guard_int(self, a: Any) -> Any:
        return a if type(a) is int else _real(self, "guard_int")(a)

    def guard_or_false(self, a: Any) -> Any:
        return a if isinstance(a, bool) else _real(self, "guard_or_false")(a)

    def guard_or_true(self, a: Any) -> Any:
        return a if isinstance(a, bool) else _real(self, "guard_or_true")(a)

    def guard_size_oblivious(self, expr: Any) -> Any:
        """The real one, which warns that it is deprecated: torch imports it beside
        ``guard_or_false`` (``torch._prims_common.is_contiguous``), which is not a use."""
        return _real(self, "guard_size_oblivious")(expr)

    def statically_known_true(self, x: Any) -> Any:
        return x if isinstance(x, bool) else _real(self, "statically_known_true")(x)

    def statically_known_false(self, x: Any) -> Any:
        return (not x) if isinstance(x, bool) else _real(self, "statically_known_false")(x)

    def guarding_hint_or_throw(self, a: Any) -> Any:
        return a if isinstance(a, bool) or type(a) is int else _real(self, "guarding_hint_or_throw")(a)

    def has_guarding_hint(self, a: Any) -> Any:
        return True if not isinstance(a, _SYM_TYPES) else _real(self, "has_guarding_hint")(a)

    def is_nested_int(self, s: Any) -> Any:
        return False if not isinstance(s, torch.SymInt) else _real(self, "is_nested_int")(s)

    def sym_eq(self, x: Any, y: Any) -> Any:
        if isinstance(x, (tuple, list)) and isinstance(y, (list, tuple)):
            if len(x) != len(y):
                return False
            return functools.reduce(operator.and_, map(self.sym_eq, x, y), True)
        if isinstance(x, int) and isinstance(y, int):
            return x == y
        return _real(self, "sym_eq")(x, y)

    def sym_and(self, x: Any, *others: Any) -> Any:
        """``and`` without bool casting: the real one's code, which asks nothing of the module."""
        return functools.reduce(operator.and_, others, x)

    def sym_or(self, x: Any, *others: Any) -> Any:
        """``or`` without bool casting: the real one's code, which asks nothing of the module."""
        return functools.reduce(operator.or_, others, x)


class _Sympy(_Deferred):
    """``sympy`` while no sympy object exists: ``sympy.Basic`` is ``()``, of which nothing is an
    instance, for the torch functions that ask only ``isinstance(x, sympy.Basic)``."""

    def __getattr__(self, name: str) -> Any:
        if name == "Basic" and sys._getframe(1).f_code in _asks_only_isinstance_basic():
            return ()
        return super().__getattr__(name)


@functools.cache
def _asks_only_isinstance_basic() -> frozenset[types.CodeType]:
    """The code of the torch functions whose only use of sympy is ``isinstance(x, sympy.Basic)``."""
    return frozenset({torch._prims_common.elementwise_dtypes.__code__, torch.sym_not.__code__})


_STAND_INS: dict[str, type[_Deferred]] = {
    "torch._dynamo": _Dynamo,
    "torch._dynamo.utils": _DynamoUtils,
    "torch.fx.experimental.symbolic_shapes": _SymbolicShapes,
    "sympy": _Sympy,
}


def install() -> None:
    """Defer these modules' imports in this process (and the processes it forks); idempotent.

    Each stand-in has the real module's ``__spec__`` (``importlib.util.find_spec`` answers it) and
    is its parent package's attribute, as an import would make it, so that
    ``torch.fx.experimental.symbolic_shapes.name`` finds it."""
    for name, stand_in in _STAND_INS.items():
        if name not in sys.modules and (spec := _spec(name)) is not None:
            module = sys.modules[name] = stand_in(name)
            module.__spec__ = spec
            parent, _, child = name.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, module)


def _spec(name: str) -> importlib.machinery.ModuleSpec | None:
    """``name``'s spec, found without importing its parent (a stand-in installed before it)."""
    parent, _, _ = name.rpartition(".")
    if isinstance(sys.modules.get(parent), _Deferred):
        return importlib.machinery.PathFinder.find_spec(name, sys.modules[parent].__spec__.submodule_search_locations)
    return importlib.util.find_spec(name)
