"""Reusable checks: the properties most exercises declare the same way.

Each function registers one named check on an exercise from a strategy of
:class:`~grader.exercise.Call` s, so an exercise's checks module states
*what* is checked (which calls, which traps) and this module owns *how*.
"""

from __future__ import annotations

from typing import Sequence

from hypothesis import strategies as st

from grader import compare
from grader.exercise import Call, Context, Exercise


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
            where = ", ".join(f"argument {w + 1}" if isinstance(w, int) else f"argument {w!r}"
                              for w in outcome["mutated"])
            compare.fail(f"your function changed its input in place ({where}); "
                         "compute a new tensor instead of writing into the caller's "
                         "(avoid in-place operations such as x += ..., x[...] = ..., x.exp_())")


def raises(exercise: Exercise, name: str, strategy: st.SearchStrategy[Call],
           examples: Sequence[Call] = (), error: str = "ValueError") -> None:
    """Errors: every drawn call is invalid and must raise ``error`` with a message."""

    @exercise.property(name, "errors", strategy, examples)
    def check(ctx: Context, call: Call) -> None:
        compare.expect_raises(call, ctx.student.run(call), error)
