"""Checks for exercise-01 · tensors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

import torch
from hypothesis import strategies as st

from grader import compare, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise
from grader.wire import TensorValue

exercise = Exercise(
    title="Tensors",
    functions=["to_tensor", "prepare_batch"],
    hints=[
        "A model takes a batch: a 2-D float32 tensor with one row per sample and one column per "
        "feature. torch.tensor(rows, dtype=torch.float32) builds it from nested lists; without "
        "dtype= a list of ints gives int64, a list of bools gives bool.",
        "A flat list such as [1, 2, 3] is ONE sample: wrap it as [rows] first so it becomes shape "
        "(1, 3). In prepare_batch a 1-D tensor becomes a batch of one with x.unsqueeze(0).",
        "Check the input before converting it: an empty list, an empty row and rows of different "
        "lengths raise ValueError in to_tensor (torch itself raises other errors, or none, for them).",
        "In prepare_batch, first test x.dim() (only 1 or 2 dims are allowed; a 0-D tensor has no "
        "last dimension), then x.shape[-1] against in_features, and say both numbers in the "
        "ValueError: f'expected {in_features} features, got {x.shape[-1]}'.",
        "Convert with x.to(torch.float32) or x.float(): they keep x on its device (CPU or GPU) and "
        "return a new tensor for other dtypes. Avoid x.tolist(), x.numpy(), torch.FloatTensor(...) "
        "(they leave the device) and in-place methods such as x.unsqueeze_() (they change the caller's x).",
    ],
)

# --- to_tensor --------------------------------------------------------------

_NUMBERS = {
    "int": st.integers(-1000, 1000),
    "float": st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    "bool": st.booleans(),
}
_NUMBERS["mixed"] = st.one_of(*_NUMBERS.values())


@st.composite
def flat_lists(draw: st.DrawFn) -> list:
    """One sample: a flat list of 1 to 6 numbers, all ints, all floats, all bools, or mixed."""
    number = _NUMBERS[draw(st.sampled_from(sorted(_NUMBERS)))]
    return draw(st.lists(number, min_size=1, max_size=6))


@st.composite
def nested_lists(draw: st.DrawFn) -> list:
    """A batch: 1 to 5 rows of the same 1 to 5 numbers."""
    number = _NUMBERS[draw(st.sampled_from(sorted(_NUMBERS)))]
    width = draw(st.integers(1, 5))
    return draw(st.lists(st.lists(number, min_size=width, max_size=width), min_size=1, max_size=5))


def _to_tensor(rows: list) -> Call:
    return Call("to_tensor", (rows,))


valid_rows = st.one_of(flat_lists(), nested_lists())


@st.composite
def invalid_rows(draw: st.DrawFn) -> list:
    """One thing wrong: no rows at all, an empty row, or a row of a different length."""
    mistake = draw(st.sampled_from(["empty", "empty row", "ragged"]))
    if mistake == "empty":
        return []
    rows = draw(nested_lists())
    at = draw(st.integers(0, len(rows)))
    if mistake == "empty row":
        return rows[:at] + [[]] + rows[at:]
    other = draw(st.integers(1, 6).filter(lambda n: n != len(rows[0])))
    return rows[:at] + [[1.0] * other] + rows[at:]


TO_TENSOR_TRAPS = [
    _to_tensor([[1, 2, 3], [4, 5, 6]]),  # the course notes' example: ints become float32
    _to_tensor([0.5, -1.5, 2.0]),  # a flat list is one sample: shape (1, 3)
    _to_tensor([3, 1, 4, 1]),
    _to_tensor([[True, False], [False, True], [True, True]]),  # bools become 0.0 / 1.0
    _to_tensor([[1, 2.5], [True, -4]]),
    _to_tensor([[7]]),
    _to_tensor([1e6, -0.1]),
]

TO_TENSOR_INVALID = [
    _to_tensor([]),
    _to_tensor([[]]),
    _to_tensor([[1, 2], []]),
    _to_tensor([[1.0, 2.0, 3.0], [4.0, 5.0]]),  # second row shorter
    _to_tensor([[1], [2, 3]]),  # second row longer
]

# --- prepare_batch ----------------------------------------------------------

# Every real, integer and bool dtype prepare_batch accepts; a float32 result is expected for all.
INPUT_DTYPES = ("float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool")


@st.composite
def any_dtype_tensors(draw: st.DrawFn, shape: tuple[int, ...]) -> torch.Tensor:
    """A tensor of ``shape`` in any dtype prepare_batch accepts, with values that dtype holds."""
    dtype = getattr(torch, draw(st.sampled_from(INPUT_DTYPES)))
    if dtype in S.FLOAT_DTYPES:
        return draw(S.float_tensors(shape, dtype))
    if dtype.is_floating_point:
        return draw(S.float_tensors(shape, torch.float32)).to(dtype)
    if dtype == torch.bool:
        return draw(S.int_tensors(shape, 0, 1)).to(dtype)
    low = 0 if dtype == torch.uint8 else -100
    return draw(S.int_tensors(shape, low, 100)).to(dtype)


def _prepare(x: torch.Tensor, in_features: int, keyword: bool = False) -> Call:
    if keyword:
        return Call("prepare_batch", (x,), {"in_features": in_features})
    return Call("prepare_batch", (x, in_features))


def _prepare_args(call: Call) -> tuple[torch.Tensor, int]:
    """``(x, in_features)`` of a prepare_batch call, whether in_features was passed by position or name."""
    return call.args[0], call.args[1] if len(call.args) > 1 else call.kwargs["in_features"]


@st.composite
def valid_batches(draw: st.DrawFn, dims: tuple[int, ...] = (1, 2)) -> Call:
    """x of shape (n,) or (batch, n) in any accepted dtype, with in_features == n; the batch may be empty."""
    width = draw(st.integers(1, 6))
    shape = (width,) if draw(st.sampled_from(dims)) == 1 else (draw(st.integers(0, 5)), width)
    return _prepare(draw(any_dtype_tensors(shape)), width, draw(st.booleans()))


@st.composite
def wrong_widths(draw: st.DrawFn) -> Call:
    """A 1-D or 2-D x whose last dimension is not in_features; batch, width and in_features all differ."""
    width, in_features, batch = draw(st.lists(st.integers(1, 9), min_size=3, max_size=3, unique=True))
    shape = (width,) if draw(st.booleans()) else (batch, width)
    return _prepare(draw(any_dtype_tensors(shape)), in_features)


@st.composite
def wrong_dims(draw: st.DrawFn) -> Call:
    """A 0-D x, or one with 3 or 4 dims whose last dimension does equal in_features."""
    shape = draw(st.sampled_from([(), (2, 3, 4), (2, 1, 3, 4)]))
    return _prepare(draw(any_dtype_tensors(shape)), shape[-1] if shape else 1)


def t(values, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """A tensor written as the student would write it in a call."""
    return torch.tensor(values, dtype=dtype)


PREPARE_TRAPS = [
    _prepare(t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 3),  # already a float32 batch
    _prepare(t([1.0, 2.0, 3.0, 4.0]), 4),  # one sample: becomes (1, 4)
    _prepare(t([[1, 2], [3, 4], [5, 6]], torch.int64), 2),  # int64 becomes float32
    _prepare(t([True, False, True], torch.bool), 3),  # bool, 1-D
    _prepare(t([[0.1, 0.2, 0.3]], torch.float64), 3),  # float64 becomes float32 too
    _prepare(t([[7, 8, 9, 10, 11]], torch.uint8), in_features=5, keyword=True),
    _prepare(t([2.5, -1.0], torch.float16), 2),
    _prepare(torch.zeros(0, 3, dtype=torch.int64), 3),  # an empty batch: shape (0, 3), no row to look at
    _prepare(torch.zeros(0, 1, dtype=torch.bool), 1),  # empty, and the smallest in_features
    _prepare(t([[7]], torch.int8), 1),  # one sample of one feature
]

# --- differential -----------------------------------------------------------

properties.matches_reference(exercise, "to_tensor returns a float32 (n_samples, n_features) tensor",
                             valid_rows.map(_to_tensor), TO_TENSOR_TRAPS)
properties.matches_reference(exercise, "prepare_batch returns a float32 (batch, in_features) tensor",
                             valid_batches(), PREPARE_TRAPS)

# --- invariants -------------------------------------------------------------


def _same_result(ctx: Context, single: Call, batch: Call, what: str, expected_shape: tuple) -> None:
    """``single`` (one sample) must give exactly what ``batch`` (the same sample as a batch of one) gives."""
    one = compare.returned(single, ctx.student.run(single)).returned
    if not isinstance(one, TensorValue):
        return  # the differential check says what kind of value is expected
    if one.shape != expected_shape:
        compare.fail(f"{what} is one sample, so the result is a batch of one row: "
                     f"expected shape {expected_shape}, you returned shape {one.shape}",
                     f"you returned: {compare.show(one)}")
    many = compare.returned(batch, ctx.student.run(batch)).returned
    if compare.difference(one, many) is None:
        return
    # Both results are the student's: the reference's (the same for both calls) says which one is wrong,
    # so "expected" is always the reference's value and "you returned" the student's.
    expected = ctx.reference.run(batch).returned
    call, got = (batch, many) if compare.difference(many, expected) else (single, one)
    compare.fail(f"{single} must give the same tensor as {batch}",
                 f"{call}: {compare.difference(got, expected)}", f"you returned: {compare.show(got)}")


@exercise.property("a flat list is one sample: it becomes one row", "invariant", flat_lists().map(_to_tensor),
                   [_to_tensor([0.5, -1.5, 2.0]), _to_tensor([3, 1, 4, 1]), _to_tensor([True])])
def flat_list_is_one_row(ctx: Context, call: Call) -> None:
    rows = call.args[0]
    _same_result(ctx, call, _to_tensor([rows]), f"the flat list {compare.show(rows)}", (1, len(rows)))


@exercise.property("a 1-D tensor becomes a batch of one", "invariant", valid_batches(dims=(1,)),
                   PREPARE_TRAPS[1:2] + PREPARE_TRAPS[3:4])
def one_dim_is_batch_of_one(ctx: Context, call: Call) -> None:
    x, in_features = _prepare_args(call)
    _same_result(ctx, call, _prepare(x.unsqueeze(0), in_features), f"a 1-D x of shape {tuple(x.shape)}",
                 (1, in_features))


# --- errors -----------------------------------------------------------------

def why_rows_invalid(call: Call) -> str:
    """What is wrong with an invalid ``rows``, in the words of the task."""
    rows = call.args[0]
    if not rows:
        return "rows is empty: there is no sample to convert"
    for i, row in enumerate(rows):
        if isinstance(row, list) and not row:
            return f"row {i} is empty: a sample needs at least one feature"
    lengths = [len(row) for row in rows]
    other = next(i for i, n in enumerate(lengths) if n != lengths[0])

    def numbers(n: int) -> str:
        return f"{n} number" if n == 1 else f"{n} numbers"

    return (f"the rows differ in length (row 0 has {numbers(lengths[0])}, row {other} has "
            f"{numbers(lengths[other])}), "
            "so they do not make a (n_samples, n_features) table")


@exercise.property("to_tensor raises ValueError for an empty list, an empty row or ragged rows", "errors",
                   invalid_rows().map(_to_tensor), TO_TENSOR_INVALID)
def to_tensor_raises(ctx: Context, call: Call) -> None:
    compare.expect_raises(call, ctx.student.run(call), "ValueError", why=why_rows_invalid(call))


def _mentions(message: str, number: int) -> bool:
    """True if ``number`` appears in ``message`` as a whole number (12 does not mention 2)."""
    return re.search(rf"(?<!\d){number}(?!\d)", message) is not None


@exercise.property("prepare_batch raises ValueError naming both widths when the last dimension is wrong",
                   "errors", wrong_widths(), [
                       _prepare(t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 5),  # 3 features, 5 expected
                       _prepare(t([1, 2, 3, 4], torch.int64), 7),
                       _prepare(t([[0.5]]), 2),
                       _prepare(torch.zeros(0, 2), 3),  # an empty batch of the wrong width
                   ])
def names_both_widths(ctx: Context, call: Call) -> None:
    outcome = ctx.student.run(call)
    compare.expect_raises(call, outcome, "ValueError")
    x, in_features = _prepare_args(call)
    actual = x.shape[-1]
    missing = [f"{label} {n}" for label, n in (("the expected width", in_features), ("x's width", actual))
               if not _mentions(outcome.raised.message, n)]
    if missing:
        compare.fail(f"the ValueError must say both widths, so the caller sees what to fix: "
                     f"expected {in_features}, got {actual}",
                     f"your message: {outcome.raised.message!r}",
                     f"it does not mention {' or '.join(missing)}")


properties.raises(exercise, "prepare_batch raises ValueError for a 0-D tensor or more than 2 dims",
                  wrong_dims(), [
                      _prepare(t(5.0), 1),
                      _prepare(t([[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 0], [1, 2]]], torch.int64), 2),
                      _prepare(torch.zeros(2, 1, 3, 4), 4),
                  ])

# --- hygiene ----------------------------------------------------------------


@exercise.probe
def rows_after_to_tensor(module: ModuleType, device: str, rows: list) -> dict:
    """Call ``to_tensor(rows)`` and report ``rows`` as it is afterwards (the caller's list)."""
    module.to_tensor(rows)
    return {"rows": rows}


@exercise.property("to_tensor does not modify rows", "hygiene", valid_rows.map(_to_tensor),
                   [TO_TENSOR_TRAPS[0], TO_TENSOR_TRAPS[3], _to_tensor([[0.5], [2]])])
def rows_unchanged(ctx: Context, call: Call) -> None:
    rows = call.args[0]
    outcome = compare.returned(call, ctx.student.probe("rows_after_to_tensor", rows=rows))
    if compare.difference(outcome["rows"], rows, tolerance=(0.0, 0.0)):
        compare.fail("your function changed the caller's list: build the tensor from rows without "
                     "writing into rows (no rows[i] = ..., row[j] = float(...), rows.append, rows.insert)",
                     f"rows before the call: {compare.show(rows)}",
                     f"rows after the call:  {compare.show(outcome['rows'])}")


properties.leaves_inputs_unchanged(exercise, "prepare_batch does not modify x", valid_batches(),
                                   PREPARE_TRAPS[:4])


@exercise.probe
def result_device(module: ModuleType, device: str, shape: list, dtype: str, in_features: int) -> dict:
    """Call ``prepare_batch`` on a tensor of PyTorch's ``meta`` device and report where the result lives.

    A meta tensor has a shape and a dtype but no values, so it stands for
    "a device other than the CPU" on a machine without a GPU: code that keeps
    to tensor operations (``x.to(torch.float32)``, ``x.unsqueeze(0)``) keeps
    it on meta, while code that copies the values out (``x.tolist()``,
    ``x.numpy()``, ``x.cpu()``, ``torch.FloatTensor``) leaves or fails.
    """
    x = torch.zeros(shape, dtype=getattr(torch, dtype), device="meta")
    result = module.prepare_batch(x, in_features)
    return {"device": str(result.device) if isinstance(result, torch.Tensor) else None}


@dataclass(frozen=True)
class MetaCall:
    """A prepare_batch call on a meta tensor, shown to the student as the call they would type."""

    shape: tuple[int, ...]
    dtype: str
    in_features: int

    def __str__(self) -> str:
        return f"prepare_batch(torch.zeros({self.shape}, dtype=torch.{self.dtype}, device='meta'), {self.in_features})"


@st.composite
def meta_calls(draw: st.DrawFn) -> MetaCall:
    width = draw(st.integers(1, 6))
    shape = draw(st.sampled_from([(width,), (draw(st.integers(1, 5)), width)]))
    return MetaCall(shape, draw(st.sampled_from(INPUT_DTYPES)), width)


@exercise.property("prepare_batch keeps the result on x's device", "hygiene", meta_calls(), [
    MetaCall((2, 3), "int64", 3), MetaCall((4,), "float64", 4), MetaCall((3,), "float32", 3),
    MetaCall((0, 2), "uint8", 2),
])
def keeps_device(ctx: Context, call: MetaCall) -> None:
    outcome = ctx.student.probe("result_device", shape=list(call.shape), dtype=call.dtype,
                                in_features=call.in_features)
    why = ("the result must stay on x's device, so a GPU batch stays on the GPU. The grader tests this with "
           "x on PyTorch's 'meta' device (a shape and a dtype, no values), where only tensor operations "
           "work: convert with x.to(torch.float32) or x.float(), not x.tolist(), x.numpy(), x.cpu() or "
           "torch.FloatTensor(...), and create no new tensor without device=x.device")
    if outcome.raised:
        if compare.not_implemented(outcome.raised) and "meta" not in outcome.raised.message:
            compare.reraise_student(Call("prepare_batch"), outcome.raised)
        compare.fail(why, f"for {call} your code raised {outcome.raised.describe()}")
    if outcome["device"] not in (None, "meta"):
        compare.fail(why, f"for {call} your result is on {outcome['device']}")
