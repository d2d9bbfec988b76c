"""Checks for exercise-11 · linear regression from scratch.

``fit_line`` takes and returns plain data, so every check goes through the
generic ``call`` probe. The differential check compares the final ``(w, b)``
with the reference's after the same number of epochs: a trajectory, so a
closed-form least-squares answer (by hand, with sums) fails it for any
finite number of epochs, as do a random start, a sum instead of a mean and
gradients that are never zeroed. The invariants pin two points of the
trajectory without the reference: with ``lr=0`` nothing moves from the
start ``(0, 0)``, and one epoch from ``(0, 0)`` is one step down the mean
squared error, ``w = 2·lr·mean(x·y)``, ``b = 2·lr·mean(y)``.

The boundaries are traps, not left to the draw: ``epochs=0`` returns the
start (and still rejects invalid inputs: the check comes before any epoch),
and empty ``x`` and ``y`` are valid 1-D data of equal length.
"""

from __future__ import annotations

from typing import Any

import torch
from hypothesis import strategies as st

from grader import compare, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise
from grader.wire import TensorValue

exercise = Exercise(
    title="Linear regression from scratch",
    trains=True,  # slow training is legitimate: no early hang stop (grader.replay)
    functions=["fit_line"],
    forbidden=["torch.optim", "torch.nn", "torch.linalg", "torch.lstsq"],
    hints=[
        "Start from two zero tensors that require gradients, w = torch.zeros((), dtype=x.dtype, "
        "requires_grad=True) and the same for b (not random values). Each epoch: pred = w * x + b, "
        "loss = ((pred - y) ** 2).mean(), loss.backward().",
        "Update in place inside `with torch.no_grad():`, w -= lr * w.grad and b -= lr * b.grad. "
        "`w = w - lr * w.grad` makes a new tensor that is no longer a leaf, so the next backward leaves "
        "w.grad None.",
        "After the update zero both gradients, w.grad.zero_() and b.grad.zero_(): backward adds to .grad, "
        "so without zeroing each step uses the sum of all gradients so far.",
        "Use .mean(), not .sum(): a sum multiplies every gradient by len(x) and takes far too large steps. "
        "Return (w.item(), b.item()), Python floats, not tensors.",
        "Check the inputs first: x and y must both be 1-D (x.dim() == 1) and of the same length; raise "
        "ValueError otherwise. Without the check, an (n, 1) x broadcasts against an (n,) y into an (n, n) "
        "prediction and gives a wrong line silently.",
    ],
)

MAX_EPOCHS = 30
# float32 machine epsilon: the precision of the comparison for both input dtypes (see tolerance).
EPS32 = torch.finfo(torch.float32).eps
TINY32 = torch.finfo(torch.float32).tiny


def tolerance(epochs: int) -> tuple[float, float]:
    """(rtol, atol) for ``(w, b)`` after ``epochs`` steps, float32 and float64 inputs alike.

    Legitimate implementations differ only in rounding. The largest such
    difference is allowed by the task itself: ``torch.tensor(0.0,
    requires_grad=True)``, the course notes' start, is a float32 parameter
    even for float64 data, so every step is rounded to float32. Measured on
    3000 calls drawn like the ones below (x in [-3, 3], y in [-10, 10], lr up
    to 0.05, up to 30 epochs), as max |a - e| / (1 + |e|): float32 parameters
    on float64 data, float32 data against the same data in float64, and
    float32 data with x and y permuted together (same mean, other order) all
    stay under 2 eps32 (2e-7); on diverging runs (lr up to 0.3) under 2.1e-6
    after 10 epochs and 3.2e-6 after 20. The error grows with the number of
    roundings, so 10 eps32 per epoch, as both rtol and atol, leaves a margin
    of 10x or more on converging runs and of 5x or more on diverging ones
    (the one diverging trap below differs by 6.8e-7, a margin of 17x); a
    wrong loss, start or update is off by orders of magnitude more.
    """
    scale = 10 * EPS32 * max(1, epochs)
    return scale, scale


def fit(x: torch.Tensor, y: torch.Tensor, lr: float, epochs: int) -> Call:
    return Call("fit_line", (x, y, lr, epochs))


def t(*values: float, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.tensor(values, dtype=dtype)


@st.composite
def line_calls(draw: st.DrawFn, lr: st.SearchStrategy[float] | None = None,
               epochs: st.SearchStrategy[int] | None = None) -> Call:
    """1-D x in [-3, 3] and y in [-10, 10] of one dtype and length; lr small enough not to diverge."""
    dtype = draw(S.float_dtypes)
    n = draw(st.integers(1, 10))
    x = draw(S.float_tensors((n,), dtype, magnitude=3.0))
    y = draw(S.float_tensors((n,), dtype, magnitude=10.0))
    rate = draw(lr if lr is not None else st.sampled_from([0.001, 0.01, 0.02, 0.05]))
    return fit(x, y, rate, draw(epochs if epochs is not None else st.integers(1, MAX_EPOCHS)))


@st.composite
def invalid_calls(draw: st.DrawFn) -> Call:
    """One thing wrong: a 2-D x or y, lengths that differ, or a 0-D x or y."""
    dtype = draw(S.float_dtypes)
    n = draw(st.integers(1, 5))
    good = draw(S.float_tensors((n,), dtype, magnitude=3.0))
    mistake = draw(st.sampled_from(["2-D", "lengths", "0-D"]))
    if mistake == "2-D":
        bad = draw(S.float_tensors(draw(st.sampled_from([(n, 1), (1, n), (n, 2)])), dtype, magnitude=3.0))
    elif mistake == "lengths":
        bad = draw(S.float_tensors((n + draw(st.integers(1, 3)),), dtype, magnitude=3.0))
    else:
        bad = draw(S.float_tensors((), dtype, magnitude=3.0))
    x, y = (bad, good) if draw(st.booleans()) else (good, bad)
    return fit(x, y, 0.01, draw(st.integers(0, 5)))  # with epochs=0 too: the check comes before any epoch


X_NOTES = t(1.0, 2.0, 3.0, 4.0)
TRAPS = [
    fit(X_NOTES, 2 * X_NOTES + 1, 0.05, 20),  # the course notes' line y = 2x + 1, far from converged
    fit(t(0.0, 1.0, 2.0, 3.0, 4.0, dtype=torch.float64), t(1.2, 2.9, 5.1, 7.0, 8.8, dtype=torch.float64), 0.02, 30),
    fit(t(-3.0, -1.0, 2.0, 3.0), t(1.0, 2.0, 3.0, -4.0), 0.2, 10),  # lr too large: it diverges, finitely
    fit(t(2.0, dtype=torch.float64), t(-3.0, dtype=torch.float64), 0.1, 5),  # a single point
    fit(X_NOTES, 2 * X_NOTES + 1, 0.05, 0),  # no epoch: the start, (0.0, 0.0)
    fit(t(), t(), 0.05, 0),  # empty data, no epoch
    fit(t(dtype=torch.float64), t(dtype=torch.float64), 0.05, 3),  # empty data: an empty mean's gradient is 0
]


def values(returned: Any) -> list[float] | None:
    """``(w, b)`` as numbers, whatever their type (judged by its own check), or None if it is no pair."""
    if not isinstance(returned, (tuple, list)) or len(returned) != 2:
        return None
    numbers = []
    for item in returned:
        if type(item) in (int, float):
            numbers.append(float(item))
        elif isinstance(item, TensorValue) and item.data.numel() == 1 and item.data.is_floating_point():
            numbers.append(float(item.data.reshape(())))
        else:
            return None
    return numbers


def _student_pair(ctx: Context, call: Call) -> list[float]:
    returned = compare.returned(call, ctx.student.run(call)).returned
    pair = values(returned)
    if pair is None:
        compare.fail(f"fit_line must return the pair (w, b); you returned {compare.show(returned)}")
    return pair


def _pairs(expected: list[float], pair: list[float]) -> tuple[str, str]:
    """Both (w, b) pairs with the digits where they differ, not float noise (compare.numbers)."""
    (want_w, got_w), (want_b, got_b) = (compare.numbers(e, g) for e, g in zip(expected, pair))
    return f"({want_w}, {want_b})", f"({got_w}, {got_b})"


def _expect(pair: list[float], expected: list[float], rtol_atol: tuple[float, float], why: str) -> None:
    for name, got, want in zip("wb", pair, expected):
        if compare.difference(got, want, tolerance=rtol_atol):
            wanted, returned = _pairs(expected, pair)
            compare.fail(f"expected (w, b) = {wanted}", f"you returned {returned}: {name} differs", why)


@exercise.property("matches the reference's gradient descent", "differential", line_calls(), TRAPS)
def matches_reference(ctx: Context, call: Call) -> None:
    expected = ctx.reference.run(call).returned
    _expect(_student_pair(ctx, call), list(expected), tolerance(call.args[3]),
            "start from w = b = 0 and take exactly `epochs` steps of w -= lr * w.grad, b -= lr * b.grad on "
            "the mean squared error, zeroing the gradients after each step")


@exercise.property("starts from w = 0 and b = 0", "invariant",
                   line_calls(lr=st.just(0.0), epochs=st.integers(1, 5)), [fit(X_NOTES, 2 * X_NOTES + 1, 0.0, 3)],
                   max_examples=5)
def starts_at_zero(ctx: Context, call: Call) -> None:
    pair = _student_pair(ctx, call)
    if pair != [0.0, 0.0]:
        compare.fail(f"with lr=0 no step moves w and b, so fit_line must return the start (0.0, 0.0); "
                     f"you returned {_pairs([0.0, 0.0], pair)[1]}",
                     "start from w = torch.zeros(()) and b = torch.zeros(()), not from random values")


@exercise.property("one epoch takes one step down the mean squared error", "invariant",
                   line_calls(epochs=st.just(1)), [fit(X_NOTES, 2 * X_NOTES + 1, 0.05, 1), fit(*TRAPS[1].args[:3], 1)],
                   max_examples=10)
def one_step(ctx: Context, call: Call) -> None:
    x, y, lr, _ = call.args
    x64, y64 = x.double(), y.double()
    # From (0, 0) the prediction is 0, so d/dw mean((w x + b - y)^2) = -2 mean(x y) and d/db = -2 mean(y).
    expected = [2 * lr * float((x64 * y64).mean()), 2 * lr * float(y64.mean())]
    # A float32 mean of n terms may be off by about n eps32 of the mean of their magnitudes
    # (cancellation between terms of opposite signs), and float32 parameters (allowed, see
    # tolerance) flush what lies below float32's smallest normal number to about zero.
    n = x.numel()
    scales = [2 * lr * float((x64 * y64).abs().mean()), 2 * lr * float(y64.abs().mean())]
    pair = _student_pair(ctx, call)
    for name, got, want, scale in zip("wb", pair, expected, scales):
        if abs(got - want) > 10 * EPS32 * (abs(want) + (n + 1) * scale) + TINY32:
            wanted, returned = _pairs(expected, pair)
            compare.fail(f"after one epoch from w = b = 0, expected (w, b) = {wanted} = (2·lr·mean(x·y), 2·lr·mean(y))",
                         f"you returned {returned}: {name} differs",
                         "the loss is the mean of the squared errors, ((pred - y) ** 2).mean(), not their sum, "
                         "and the step is w -= lr * w.grad")


properties.raises(
    exercise,
    "raises ValueError for inputs that are not 1-D of equal length",
    invalid_calls(),
    [
        fit(X_NOTES.reshape(4, 1), 2 * X_NOTES + 1, 0.01, 3),  # a column x broadcasts silently
        fit(X_NOTES, t(1.0, 2.0, 3.0), 0.01, 3),
        fit(torch.tensor(2.0), X_NOTES, 0.01, 3),
        fit(X_NOTES.reshape(4, 1), X_NOTES.reshape(4, 1), 0.01, 3),  # same length, but 2-D
        fit(X_NOTES, t(1.0, 2.0, 3.0), 0.01, 0),  # epochs=0: still checked, before any epoch
        fit(t(), t(1.0), 0.01, 3),  # an empty x against one value
    ],
)


@exercise.property("returns w and b as Python floats", "structure", line_calls(), TRAPS[:1], max_examples=3)
def returns_floats(ctx: Context, call: Call) -> None:
    returned = compare.returned(call, ctx.student.run(call)).returned
    if type(returned) is not tuple or len(returned) != 2:
        compare.fail(f"fit_line must return a tuple (w, b); you returned {compare.kind_of(returned)}: "
                     f"{compare.show(returned)}")
    for name, item in zip("wb", returned):
        if type(item) is not float:
            compare.fail(f"{name} is {compare.kind_of(item)} ({compare.show(item)}); return Python floats: "
                         "w.item(), b.item()")


properties.leaves_inputs_unchanged(exercise, "leaves x and y unchanged", line_calls(), TRAPS[:2])
