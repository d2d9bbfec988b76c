"""Checks for exercise-02 · activations."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st

from grader import compare, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise
from grader.wire import TensorValue

ELEMENTWISE = ("sigmoid", "relu", "tanh")
LARGE = 1e4  # the catalog's "large magnitude": only finiteness, shape and range are judged there

exercise = Exercise(
    title="Activation functions",
    functions=[*ELEMENTWISE, "softmax"],
    forbidden=[
        "torch.sigmoid", "torch.tanh", "torch.relu", "torch.softmax", "torch.log_softmax", "torch.special",
        "torch.nn.functional", "torch.nn.Sigmoid", "torch.nn.Tanh", "torch.nn.ReLU", "torch.nn.Softmax",
        ".sigmoid", ".tanh", ".relu", ".softmax", ".log_softmax",
    ],
    hints=[
        "Write each activation from its formula with element-wise tensor operations: sigmoid is "
        "1 / (1 + exp(-x)), relu is max(x, 0) (torch.clamp(x, min=0)), tanh is "
        "(exp(x) - exp(-x)) / (exp(x) + exp(-x)), softmax is exp(x) / exp(x).sum(dim, keepdim=True). "
        "Operations such as torch.exp keep the input's shape (0-D too), dtype and device.",
        "exp overflows: exp(89) is already inf in float32 and exp(710) in float64, and inf / inf is nan. "
        "Rewrite each formula so exp only sees values <= 0: for tanh use exp(-2 * |x|) and put the sign "
        "back with torch.sign(x); for sigmoid pick 1 / (1 + exp(-x)) or exp(x) / (1 + exp(x)) with "
        "torch.where depending on the sign of x.",
        "softmax does not change when you add the same constant to every entry along dim, so subtract "
        "x.amax(dim=dim, keepdim=True) before exp: the largest exponent becomes 0. Use the dim you are "
        "given (negative too) for both the max and the sum, with keepdim=True, so they broadcast back.",
        "Never change x: x.exp_(), x.clamp_(), x -= ... and x[x < 0] = 0 write into the caller's tensor. "
        "Build new tensors instead (torch.exp(x), torch.clamp(x, min=0), x - m).",
    ],
)


def _elementwise(function: str, x: torch.Tensor) -> Call:
    return Call(function, (x,))


def elementwise_calls(function: str, magnitude: float = 100.0) -> st.SearchStrategy[Call]:
    """``function(x)`` for float32/float64 x of 0 to 3 dims, empty ones included."""
    return S.float_tensors(S.shapes(0, 3, min_side=0, max_side=5), magnitude=magnitude).map(
        lambda x: _elementwise(function, x))


def _softmax(x: torch.Tensor, dim: int | None, form: str = "positional") -> Call:
    """A softmax call written the three ways a caller may write it: dim omitted, positional, keyword."""
    if dim is None or form == "omitted":
        return Call("softmax", (x,))
    if form == "keyword":
        return Call("softmax", (x,), {"dim": dim})
    return Call("softmax", (x, dim))


def _softmax_dim(call: Call) -> int:
    return call.args[1] if len(call.args) > 1 else call.kwargs.get("dim", -1)


@st.composite
def softmax_calls(draw: st.DrawFn, magnitude: float = 100.0) -> Call:
    """x of 1 to 4 dims of distinct sizes (a wrong dim cannot pass by accident) and every valid dim."""
    shape = draw(S.shapes(1, 4, min_side=1, max_side=5, distinct=True))
    x = draw(S.float_tensors(shape, magnitude=magnitude))
    dim = draw(S.valid_dims(len(shape)))
    form = draw(st.sampled_from(["positional", "keyword"] + (["omitted"] if dim == -1 else [])))
    return _softmax(x, dim, form)


@st.composite
def empty_softmax_calls(draw: st.DrawFn) -> Call:
    """An empty x: some dimension other than dim has size 0, with dim any valid one (the boundaries too).

    Softmax along a dimension of size 0 has no entry to normalise, so that
    dimension is never the empty one; every other one may be.
    """
    shape = list(draw(S.shapes(2, 4, min_side=1, max_side=4)))
    dim = draw(S.valid_dims(len(shape)))
    empty = draw(st.sampled_from([i for i in range(len(shape)) if i != dim % len(shape)]))
    shape[empty] = 0
    return _softmax(draw(S.float_tensors(tuple(shape))), dim, draw(st.sampled_from(["positional", "keyword"])))


def t(values, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """A tensor written as the student would write it in a call."""
    return torch.tensor(values, dtype=dtype)


NOTES = t([-1.0, 0.0, 1.0])  # the course notes' example
ELEMENTWISE_TRAPS = [
    NOTES,
    t(0.5),  # 0-D
    t(-2.0, torch.float64),  # 0-D float64: the dtype must stay float64
    t([[-100.0, -30.0, 0.0], [30.0, 88.0, 100.0]]),  # exp(100) overflows float32
    t([[-100.0, -30.0, 0.0], [30.0, 88.0, 100.0]], torch.float64),
    t([-1e-3, 1e-3, -0.0, 7.5], torch.float64),
    torch.zeros(0, 3),  # empty
]

SOFTMAX_TRAPS = [
    _softmax(t([1.0, 2.0, 3.0]), None),  # the course notes' example, default dim
    _softmax(t([[1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 1.0], [-1.0, 5.0, 2.0, 0.5]]), 0),
    _softmax(t([[1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 1.0], [-1.0, 5.0, 2.0, 0.5]]), None),
    _softmax(t([[1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 1.0], [-1.0, 5.0, 2.0, 0.5]]), 1, "keyword"),
    _softmax(torch.arange(24.0).reshape(2, 3, 4) / 5, 1),
    _softmax(torch.arange(24.0).reshape(2, 3, 4) / 5, -2, "keyword"),
    _softmax(torch.arange(24.0, dtype=torch.float64).reshape(4, 3, 2).sin() * 3, -3),
    _softmax(t([[100.0, -100.0, 50.0, 0.0]]), -1),  # exp(100) overflows float32
    # empty tensors with each boundary dim: the dimension softmax normalises along is never the empty one
    _softmax(torch.zeros(0, 3), -1),
    _softmax(torch.zeros(0, 3), 1, "keyword"),
    _softmax(torch.zeros(2, 0, 3, dtype=torch.float64), 0),
    _softmax(torch.zeros(2, 3, 0), -3),
]

# --- differential -----------------------------------------------------------

for _function in ELEMENTWISE:
    properties.matches_reference(exercise, f"{_function} matches torch.{_function}", elementwise_calls(_function),
                                 [_elementwise(_function, x) for x in ELEMENTWISE_TRAPS])

properties.matches_reference(exercise, "softmax matches torch.softmax",
                             st.one_of(softmax_calls(), empty_softmax_calls()), SOFTMAX_TRAPS)

# --- invariants -------------------------------------------------------------

# The interval each activation's values must lie in, whatever the input.
RANGES = {"sigmoid": (0.0, 1.0, "in [0, 1]"), "relu": (0.0, float("inf"), ">= 0"), "tanh": (-1.0, 1.0, "in [-1, 1]")}
LARGE_VALUES = [-LARGE, -1000.0, -100.0, -1.0, 0.0, 1.0, 100.0, 1000.0, LARGE]


def _tensor_result(call: Call, ctx: Context) -> TensorValue | None:
    """The student's tensor for ``call``, or None when the differential check will judge the kind."""
    returned = compare.returned(call, ctx.student.run(call)).returned
    if not isinstance(returned, TensorValue) or returned.shape != tuple(call.args[0].shape):
        return None
    return returned


def _rounding_tolerance(dtype: torch.dtype, magnitude: float) -> tuple[float, float]:
    """(rtol, atol) for probabilities computed from inputs of ``magnitude``.

    A stable softmax may round an exponent such as x - logsumexp(x) to the
    dtype's spacing at ``magnitude`` (about 1e-3 at 1e4 in float32), which
    moves every probability by that relative amount. The default
    tolerances of ``compare`` hold below that; a softmax over the wrong
    dim, or one clamped instead of shifted, is off by far more.
    """
    rtol, atol = compare.TOLERANCES.get(dtype, compare.TOLERANCES[torch.float32])
    eps = torch.finfo(dtype).eps if dtype.is_floating_point else 0.0
    return max(rtol, 4 * eps * magnitude), atol


def _first_bad(x: torch.Tensor, out: torch.Tensor, bad: torch.Tensor) -> str:
    index = tuple(int(i) for i in bad.nonzero()[0]) if bad.dim() else ()
    where = f" at index {list(index)}" if index else ""
    return f"first{where}: x = {x[index].item()!r} gave {out[index].item()!r}"


@exercise.property("sigmoid, relu and tanh stay finite and in range for inputs up to 1e4", "invariant",
                   st.one_of(*(elementwise_calls(f, LARGE) for f in ELEMENTWISE)),
                   [_elementwise(f, t(LARGE_VALUES, dtype)) for dtype in S.FLOAT_DTYPES for f in ELEMENTWISE])
def elementwise_finite(ctx: Context, call: Call) -> None:
    out = _tensor_result(call, ctx)
    if out is None:
        return
    x, (low, high, text) = call.args[0], RANGES[call.function]
    values = out.data.double()
    bad = ~torch.isfinite(values) | (values < low) | (values > high)
    if bool(bad.any()):
        compare.fail(f"{call.function} must give a finite value {text} for every finite input, even |x| = 1e4: "
                     f"{int(bad.sum())} of {bad.numel()} values are nan, inf or out of range",
                     _first_bad(x, out.data, bad),
                     "exp(x) overflows to inf for large x (x > 88 in float32, x > 709 in float64), and "
                     "inf / inf is nan: arrange the formula so that exp only sees values <= 0")


@exercise.property("softmax is finite and sums to 1 along dim for inputs up to 1e4", "invariant",
                   softmax_calls(LARGE), [
                       _softmax(t([[LARGE, -LARGE, 0.0]]), None),
                       _softmax(t([[LARGE, LARGE - 1, 0.0], [-LARGE, -LARGE + 1, -LARGE + 2]], torch.float64), -1),
                       _softmax(t([[LARGE, -LARGE], [0.0, -LARGE + 1], [-5.0, -LARGE + 2]]), 0),
                       _softmax(torch.linspace(-LARGE, LARGE, 24).reshape(2, 3, 4), 1),
                       _softmax(torch.linspace(-LARGE, LARGE, 24).reshape(4, 3, 2), -3, "keyword"),
                   ])
def softmax_sums_to_one(ctx: Context, call: Call) -> None:
    out = _tensor_result(call, ctx)
    if out is None:
        return
    x, dim = call.args[0], _softmax_dim(call)
    values = out.data.double()
    bad = ~torch.isfinite(values) | (values < 0) | (values > 1)
    if bool(bad.any()):
        compare.fail("softmax must give finite probabilities in [0, 1] for every finite input, even |x| = 1e4: "
                     f"{int(bad.sum())} of {bad.numel()} values are nan, inf or out of range",
                     _first_bad(x, out.data, bad),
                     "exp(x) overflows for large x, and a slice whose exponentials all underflow to 0 "
                     "gives 0 / 0: subtract the maximum along dim (keepdim=True) before exp")
    sums = values.sum(dim=dim)
    rtol, atol = _rounding_tolerance(out.dtype, x.abs().max().item())
    off = (sums - 1).abs() > atol + rtol
    if bool(off.any()):
        compare.fail(f"softmax(x, dim={dim}) must sum to 1 along dim {dim} (the dimension of size "
                     f"{x.shape[dim]} in shape {tuple(x.shape)})",
                     f"your sums along dim {dim}: {compare.show(sums.to(out.dtype))}",
                     "use the dim you are given for both the maximum and the sum")


@dataclass(frozen=True)
class Shift:
    """softmax(x, dim) against softmax(x + c, dim), c constant along dim (size 1 there)."""

    x: torch.Tensor
    dim: int
    c: torch.Tensor

    @property
    def plain(self) -> Call:
        return _softmax(self.x, self.dim)

    @property
    def shifted(self) -> Call:
        return _softmax(self.x + self.c, self.dim)

    def __str__(self) -> str:
        return "\n".join([f"x = {compare.show(self.x)}", f"c = {compare.show(self.c)}  # the same along dim {self.dim}",
                          f"softmax(x, {self.dim})", f"softmax(x + c, {self.dim})  # must give the same probabilities"])


@st.composite
def shifts(draw: st.DrawFn) -> Shift:
    """A constant c that varies across the other dims but not along dim.

    x holds multiples of 1/8 of magnitude up to 100 and c integers up to
    1000, so x + c is exact in float32: a correct max-shift gives the same
    result bit for bit, and any stable formulation agrees within the
    tolerance of the check.
    """
    shape = draw(S.shapes(1, 4, min_side=1, max_side=5, distinct=True))
    dim = draw(S.valid_dims(len(shape)))
    dtype = draw(S.float_dtypes)
    x = draw(S.int_tensors(shape, -800, 800)).to(dtype) / 8
    shift_shape = list(shape)
    shift_shape[dim] = 1
    return Shift(x, dim, draw(S.int_tensors(tuple(shift_shape), -1000, 1000)).to(dtype))


@exercise.property("softmax ignores a constant added along dim", "invariant", shifts(), [
    Shift(t([[1.0, 2.0, 3.0]]), -1, t([[1000.0]])),
    Shift(t([[0.5, -2.0], [1.0, 0.0], [3.0, 2.5]]), 0, t([[-1000.0, 500.0]])),
    Shift(t([[0.5, -2.0, 4.0], [1.0, 0.0, -1.0]], torch.float64), 1, t([[900.0], [-700.0]], torch.float64)),
])
def shift_invariant(ctx: Context, shift: Shift) -> None:
    before = _tensor_result(shift.plain, ctx)
    after = _tensor_result(shift.shifted, ctx)
    if before is None or after is None:
        return
    tolerance = _rounding_tolerance(after.dtype, (shift.x + shift.c).abs().max().item())
    found = compare.difference(after, before, tolerance=tolerance)
    if found:
        compare.fail(f"adding the same number to every entry along dim {shift.dim} must not change "
                     f"softmax(x, dim={shift.dim})",
                     f"for {shift.plain} you returned: {compare.show(before)}",
                     f"with c = {compare.show(shift.c)} added, for {shift.shifted} you returned: "
                     f"{compare.show(after)}", found,
                     "subtract x.amax(dim=dim, keepdim=True) before exp: that shift is exact, a clamp is not")


# --- hygiene ----------------------------------------------------------------

properties.leaves_inputs_unchanged(
    exercise, "does not modify x",
    st.one_of(*(elementwise_calls(f) for f in ELEMENTWISE), softmax_calls()),
    [_elementwise(f, NOTES) for f in ELEMENTWISE] + SOFTMAX_TRAPS[:2],
)

properties.keeps_device(
    exercise, "the result stays on x's device",
    st.one_of(*(elementwise_calls(f) for f in ELEMENTWISE), softmax_calls()),
    [_elementwise(f, x) for f in ELEMENTWISE for x in (NOTES, t(0.5), ELEMENTWISE_TRAPS[4])]
    + [SOFTMAX_TRAPS[1], SOFTMAX_TRAPS[5]],
)
