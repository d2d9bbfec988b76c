"""Reusable checks: the properties most exercises declare the same way.

Each function registers one named check on an exercise from a strategy of
:class:`~grader.exercise.Call` s, so an exercise's checks module states
*what* is checked (which calls, which traps) and this module owns *how*.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Sequence

import torch
from hypothesis import strategies as st

from grader import compare
from grader.exercise import Call, Context, Exercise, Outcome
from grader.probes import materialize


def matches_reference(exercise: Exercise, name: str, strategy: st.SearchStrategy[Call],
                      examples: Sequence[Call] = (),
                      tolerance: tuple[float, float] | None = None) -> None:
    """Differential: the student's result equals the reference's for every drawn call."""

    @exercise.property(name, "differential", strategy, examples)
    def check(ctx: Context, call: Call) -> None:
        compare.expect_match(call, ctx.student.run(call), ctx.reference.run(call), tolerance)


def leaves_inputs_unchanged(exercise: Exercise, name: str, strategy: st.SearchStrategy[Call],
                            examples: Sequence[Call] = ()) -> None:
    """Hygiene: no tensor argument is modified in place."""

    @exercise.property(name, "hygiene", strategy, examples)
    def check(ctx: Context, call: Call) -> None:
        outcome = compare.returned(call, ctx.student.run(call))
        if outcome["mutated"]:
            names = [_parameter(exercise, call.function, where) for where in outcome["mutated"]]
            noun = "argument" if len(names) == 1 else "arguments"
            compare.fail(f"your function changed its {noun} {' and '.join(names)} in place; "
                         "compute a new tensor instead of writing into the caller's "
                         "(avoid in-place operations such as x += ..., x[...] = ..., x.exp_())")


def _parameter(exercise: Exercise, function: str, where: int | str) -> str:
    """An argument as the task names it: position 0 of ``one_hot`` is ``labels``.

    The names come from the reference's signature (the student's may differ,
    but the task text uses the reference's), so "argument 1" never leaves the
    student counting.
    """
    if isinstance(where, str):
        return where
    from grader.runner import load_reference

    try:
        parameters = list(inspect.signature(getattr(load_reference(exercise.filename), function)).parameters)
    except (AttributeError, TypeError, ValueError):
        parameters = []
    return parameters[where] if where < len(parameters) else f"number {where + 1}"


def raises(exercise: Exercise, name: str, strategy: st.SearchStrategy[Call],
           examples: Sequence[Call] = (), error: str = "ValueError") -> None:
    """Errors: every drawn call is invalid and must raise ``error`` with a message."""

    @exercise.property(name, "errors", strategy, examples)
    def check(ctx: Context, call: Call) -> None:
        compare.expect_raises(call, ctx.student.run(call), error)


# A device other than the CPU on every machine: a meta tensor has a shape and a dtype but no
# values, and mixing it with a CPU tensor of one element or more raises, exactly as a CUDA tensor
# does. So a function that creates a tensor without ``device=x.device`` or copies values out
# (``.tolist()``, ``.numpy()``, ``.cpu()``) fails here without a GPU.
ELSEWHERE = "meta"


@dataclass(frozen=True)
class Elsewhere:
    """A call with every tensor argument on the meta device, shown as the call plus where they are."""

    call: Call

    @property
    def function(self) -> str:
        return self.call.function

    def __str__(self) -> str:
        return f"{self.call}   # with every tensor argument on device='{ELSEWHERE}'"


def call_elsewhere(module: ModuleType, device: str, function: str, args: list, kwargs: dict) -> dict:
    """Call ``module.function`` with its tensor arguments on the meta device; report where the result is."""
    fn = getattr(module, function, None)
    if fn is None:
        raise AttributeError(f"your file does not define `{function}`")
    result = fn(*materialize(args, ELSEWHERE), **materialize(kwargs, ELSEWHERE))
    if not isinstance(result, torch.Tensor):
        return {"device": None}
    return {"device": str(result.device), "shape": list(result.shape), "dtype": str(result.dtype)}


def keeps_device(exercise: Exercise, name: str, strategy: st.SearchStrategy[Call],
                 examples: Sequence[Call] = ()) -> None:
    """Hygiene: with every tensor argument on another device, the result is on that device too.

    Only for functions whose reference never reads values (a meta tensor has
    none): shapes, dtypes and tensor operations only.
    """
    exercise.probes.setdefault(call_elsewhere.__name__, call_elsewhere)

    @exercise.property(name, "hygiene", strategy.map(Elsewhere), [Elsewhere(call) for call in examples])
    def check(ctx: Context, case: Elsewhere) -> None:
        expect_elsewhere(case, ctx.student.probe(call_elsewhere.__name__, function=case.function,
                                                 args=list(case.call.args), kwargs=case.call.kwargs))


def expect_elsewhere(case: Any, outcome: Outcome) -> None:
    """Fail unless a call with its inputs on the meta device returned there (or returned no tensor,
    which the differential checks judge); ``outcome`` reports the result's ``device``."""
    why = (f"{case.function} must compute on its inputs' device, so GPU inputs give a GPU result. The "
           f"grader tests this with them on PyTorch's '{ELSEWHERE}' device (shapes and dtypes, no "
           "values), where only tensor operations work: create any new tensor with device=x.device "
           "(or use torch.zeros_like and the like), and never leave for Python numbers or NumPy "
           "(.tolist(), .item(), .numpy(), .cpu())")
    if outcome.raised:
        if compare.not_implemented(outcome.raised) and ELSEWHERE not in outcome.raised.message:
            compare.reraise_student(case, outcome.raised)
        compare.fail(why, f"your code raised {outcome.raised.describe()}")
    if outcome["device"] not in (None, ELSEWHERE):
        compare.fail(why, f"your result is on {outcome['device']}")
