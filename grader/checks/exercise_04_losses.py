"""Checks for exercise-04 · losses.

Values are compared with the reference on inputs of magnitude up to 100;
cross entropy's stability is checked separately, on scores up to 1e4, where
only finiteness is required. Cross entropy's target comes in every form the
catalog allows -- int64 indices, float probability rows, one-hot rows cast
to float32 or float64 (independently of the scores' dtype: float32 scores
with a float64 target give a float64 loss, as in torch), and one unbatched
sample -- and a probe runs ``backward`` in the worker to compare gradients.

Tolerance: a loss computed from a float32 input is only float32-accurate
even when the other, float64, input promotes its dtype to float64 (torch
itself computes ``log_softmax`` in the scores' dtype, and a float32 target's
own sum is rounded in float32), so results are compared with the tolerance
of the least precise input, not of the result's dtype. The dtype itself is
compared exactly.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import torch
from hypothesis import strategies as st

from grader import compare, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Losses",
    functions=["mse_loss", "binary_cross_entropy", "cross_entropy"],
    forbidden=[
        "torch.nn.*Loss",
        "torch.nn.functional.cross_entropy",
        "torch.nn.functional.nll_loss",
        "torch.nn.functional.binary_cross_entropy",
        "torch.nn.functional.mse_loss",
        "torch.nn.functional.log_softmax",
        "torch.nn.functional.softmax",
        "torch.log_softmax",
        "torch.softmax",
        ".log_softmax",
        ".softmax",
    ],
    hints=[
        "A loss is one number: the mean over the elements (MSE, BCE) or over the samples (cross "
        "entropy). Use .mean(), not .sum(), and return the 0-D tensor itself: .item() or float() "
        "would cut it off from autograd, and a shape (1,) is not a 0-D tensor.",
        "mse_loss is ((pred - target) ** 2).mean(); binary_cross_entropy is "
        "-(t * torch.log(p) + (1 - t) * torch.log(1 - p)).mean(), both terms. Check the shapes "
        "first and raise ValueError when they differ: broadcasting would pair a (3, 1) "
        "prediction with a (3,) target into a (3, 3) difference and a wrong loss.",
        "Cross entropy: log_probs = scores - torch.logsumexp(scores, dim=-1, keepdim=True) is the "
        "log-softmax, finite even for scores of 1e4, where torch.log(torch.exp(scores).sum(-1)) "
        "overflows: exp(1e4) is inf. The loss is -log_probs[sample, target[sample]] "
        "averaged over the samples (gather or log_probs[torch.arange(N), target]).",
        "Tell the target's cases apart by shape: target.shape == scores.shape means probability "
        "(or one-hot) rows, loss = -(target * log_probs).sum(-1).mean(); target.shape == "
        "scores.shape[:-1] means int64 indices. An unbatched (C,) scores tensor gives one loss, "
        "not a mean over classes. Any other pair of shapes, or scores that are not 1-D or 2-D, "
        "raises ValueError.",
        "Validate class indices yourself: every index must satisfy 0 <= index < C (index == C is "
        "the classic off-by-one), otherwise raise ValueError. Do not convert the target's dtype "
        "to the scores' one: float32 scores with a float64 one-hot target give a float64 loss.",
        "Never modify the inputs (no scores -= max in place) and never detach them: the grader "
        "runs loss.backward() and compares scores.grad with the reference's.",
    ],
)

VALUE_MAGNITUDE = 100.0
LARGE_MAGNITUDE = 1e4
# Drawn examples for the checks whose traps the explicit examples already hold (errors,
# shapes, hygiene) or whose formula is short (MSE, BCE): thirteen checks at the full count
# would take seconds; cross entropy's value checks keep the full count.
FEW = 10


def _tolerance(call: Call) -> tuple[float, float]:
    """The tolerance of the least precise float argument: the precision the loss can have."""
    return max(compare.TOLERANCES[arg.dtype] for arg in call.args if arg.is_floating_point())


def _few_examples() -> None:
    """Cap the check just registered through grader.properties at FEW drawn examples.

    (grader.properties' helpers take no ``max_examples``; the explicit examples still all run.)
    """
    exercise.checks[-1] = dataclasses.replace(exercise.checks[-1], max_examples=FEW)


def _matches(name: str, strategy: st.SearchStrategy[Call], examples: list[Call],
             max_examples: int | None = None) -> None:
    """Differential check, compared at the precision of the inputs (see module docstring)."""

    @exercise.property(name, "differential", strategy, examples, max_examples)
    def check(ctx: Context, call: Call) -> None:
        compare.expect_match(call, ctx.student.run(call), ctx.reference.run(call), _tolerance(call))


# --- strategies ---------------------------------------------------------------


def t(values: Any, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """A literal tensor for the explicit examples (float32 unless told)."""
    return torch.tensor(values, dtype=dtype)


def _rows_of(labels: torch.Tensor, classes: int, dtype: torch.dtype) -> torch.Tensor:
    """One-hot rows for ``labels``, as the course notes build them: one_hot(...).to(dtype)."""
    return (labels.unsqueeze(-1) == torch.arange(classes)).to(dtype)


@st.composite
def probability_rows(draw: st.DrawFn, shape: tuple[int, ...]) -> torch.Tensor:
    """Float32 or float64 rows along the last dim: one-hot rows or a spread of probabilities."""
    dtype = draw(S.float_dtypes)
    if draw(st.booleans()):
        return _rows_of(draw(S.int_tensors(shape[:-1], 0, shape[-1] - 1)), shape[-1], dtype)
    logits = draw(S.float_tensors(shape, torch.float64, magnitude=4.0))
    return torch.softmax(logits, dim=-1).to(dtype)


def _mse_calls(min_dims: int = 0) -> st.SearchStrategy[Call]:
    @st.composite
    def build(draw: st.DrawFn) -> Call:
        shape = draw(S.shapes(min_dims, 3))
        dtype = draw(S.float_dtypes)
        pred = draw(S.float_tensors(shape, dtype, VALUE_MAGNITUDE))
        return Call("mse_loss", (pred, draw(S.float_tensors(shape, dtype, VALUE_MAGNITUDE))))

    return build()


def _probabilities(shape: tuple[int, ...], dtype: torch.dtype) -> st.SearchStrategy[torch.Tensor]:
    """Probabilities strictly inside (0, 1), far enough from both ends that torch's clamp of
    log at -100 never matters (log(2**-100) = -69), so clamping or not are both right."""
    top = 1 - 2.0 ** -24 if dtype == torch.float32 else 1 - 2.0 ** -53
    return S.float_tensors(shape, dtype, min_value=2.0 ** -100, max_value=top)


def _bce_calls(min_dims: int = 0) -> st.SearchStrategy[Call]:
    @st.composite
    def build(draw: st.DrawFn) -> Call:
        shape = draw(S.shapes(min_dims, 3))
        dtype = draw(S.float_dtypes)
        probs = draw(_probabilities(shape, dtype))
        target = draw(S.float_tensors(shape, dtype, min_value=0.0, max_value=1.0)) if draw(st.booleans()) \
            else draw(S.int_tensors(shape, 0, 1)).to(dtype)
        return Call("binary_cross_entropy", (probs, target))

    return build()


def _index_calls(magnitude: float = VALUE_MAGNITUDE) -> st.SearchStrategy[Call]:
    @st.composite
    def build(draw: st.DrawFn) -> Call:
        batch, classes = draw(st.integers(1, 5)), draw(st.integers(1, 6))
        scores = draw(S.float_tensors((batch, classes), magnitude=magnitude))
        return Call("cross_entropy", (scores, draw(S.int_tensors((batch,), 0, classes - 1))))

    return build()


def _probability_calls(magnitude: float = VALUE_MAGNITUDE) -> st.SearchStrategy[Call]:
    @st.composite
    def build(draw: st.DrawFn) -> Call:
        shape = (draw(st.integers(1, 5)), draw(st.integers(1, 6)))
        scores = draw(S.float_tensors(shape, magnitude=magnitude))
        return Call("cross_entropy", (scores, draw(probability_rows(shape))))

    return build()


def _unbatched_calls(magnitude: float = VALUE_MAGNITUDE) -> st.SearchStrategy[Call]:
    @st.composite
    def build(draw: st.DrawFn) -> Call:
        classes = draw(st.integers(1, 6))
        scores = draw(S.float_tensors((classes,), magnitude=magnitude))
        target = draw(probability_rows((classes,))) if draw(st.booleans()) \
            else draw(S.int_tensors((), 0, classes - 1))
        return Call("cross_entropy", (scores, target))

    return build()


def _ce_calls(magnitude: float = VALUE_MAGNITUDE) -> st.SearchStrategy[Call]:
    return st.one_of(_index_calls(magnitude), _probability_calls(magnitude), _unbatched_calls(magnitude))


def _all_calls() -> st.SearchStrategy[Call]:
    return st.one_of(_mse_calls(), _bce_calls(), _ce_calls())


# --- the traps -------------------------------------------------------------------

SCORES = t([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])  # the course notes' example
LABELS = t([0, 1], torch.int64)
MSE_NOTES = Call("mse_loss", (t([2.5, 0.0, 2.0]), t([3.0, -0.5, 2.0])))
BCE_NOTES = Call("binary_cross_entropy", (t([0.9, 0.2]), t([1.0, 0.0])))
INDEX_NOTES = Call("cross_entropy", (SCORES, LABELS))
INDEX_LAST_CLASS = Call("cross_entropy", (t([[0.3, -1.2, 4.0, 0.5], [1.0, 2.0, -3.0, 7.5]]), t([3, 3], torch.int64)))
INDEX_SPREAD = Call("cross_entropy", (t([[90.0, -90.0, 10.0], [-95.0, 0.0, 80.0]]), t([1, 0], torch.int64)))
ONE_HOT_DOUBLE = Call("cross_entropy", (SCORES.double(), _rows_of(LABELS, 3, torch.float64)))
ONE_HOT_MIXED = Call("cross_entropy", (SCORES, _rows_of(LABELS, 3, torch.float64)))
SOFT_TARGET = Call("cross_entropy", (SCORES, t([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])))
SOFT_MIXED = Call("cross_entropy", (SCORES.double(), t([[0.25, 0.25, 0.5], [0.0, 0.9, 0.1]])))
UNBATCHED_INDEX = Call("cross_entropy", (SCORES[0], LABELS[0]))
UNBATCHED_LAST = Call("cross_entropy", (t([0.5, -2.0, 1.5]), t(2, torch.int64)))
UNBATCHED_ROW = Call("cross_entropy", (SCORES[1].double(), t([0.2, 0.5, 0.3], torch.float64)))
UNBATCHED_ONE_HOT = Call("cross_entropy", (t([3.0, -1.0, 0.5, 2.0]), t([0.0, 0.0, 0.0, 1.0])))


# --- differential --------------------------------------------------------------

_matches("mse_loss matches nn.MSELoss", _mse_calls(), [
    MSE_NOTES,
    Call("mse_loss", (t(2.0), t(-1.0))),  # 0-D tensors
    Call("mse_loss", (t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), t([[0.0, 2.0, 1.0], [4.0, 8.0, 6.0]]))),
    Call("mse_loss", (t([100.0, -100.0], torch.float64), t([-100.0, 100.0], torch.float64))),
], max_examples=FEW)

_matches("binary_cross_entropy matches nn.BCELoss", _bce_calls(), [
    BCE_NOTES,
    Call("binary_cross_entropy", (t([[0.3, 0.6], [0.8, 0.1]]), t([[0.0, 1.0], [0.5, 1.0]]))),  # soft targets
    Call("binary_cross_entropy", (t(0.25, torch.float64), t(1.0, torch.float64))),  # 0-D
    Call("binary_cross_entropy", (t([1e-6, 1 - 1e-6], torch.float64), t([1.0, 0.0], torch.float64))),
], max_examples=FEW)

_matches("cross_entropy matches nn.CrossEntropyLoss for class indices", _index_calls(), [
    INDEX_NOTES, INDEX_LAST_CLASS, INDEX_SPREAD,
    Call("cross_entropy", (SCORES.double(), LABELS)),
    Call("cross_entropy", (t([[1.5, -0.5]]), t([1], torch.int64))),  # a batch of one
    Call("cross_entropy", (t([[0.0], [3.0]]), t([0, 0], torch.int64))),  # a single class
])

_matches("cross_entropy matches nn.CrossEntropyLoss for class probabilities and one-hot rows",
         _probability_calls(),
         [ONE_HOT_DOUBLE, ONE_HOT_MIXED, SOFT_TARGET, SOFT_MIXED,
          Call("cross_entropy", (SCORES, _rows_of(LABELS, 3, torch.float32)))])

_matches("cross_entropy matches nn.CrossEntropyLoss for one unbatched sample", _unbatched_calls(),
         [UNBATCHED_INDEX, UNBATCHED_LAST, UNBATCHED_ROW, UNBATCHED_ONE_HOT])


@exercise.probe
def gradient(module, device: str, scores: Any, target: Any) -> dict:
    """Run ``cross_entropy(scores, target).backward()`` on a fresh leaf and report ``scores.grad``."""
    scores = materialize(scores, device).requires_grad_(True)
    loss = module.cross_entropy(scores, materialize(target, device))
    if not isinstance(loss, torch.Tensor) or loss.grad_fn is None:
        return {"connected": False, "kind": type(loss).__name__}
    if loss.numel() != 1:
        return {"connected": True, "shape": list(loss.shape)}
    loss.backward()
    return {"connected": True, "grad": scores.grad}


@exercise.property("cross_entropy's gradient with respect to scores matches the reference's", "differential",
                   _ce_calls(), [INDEX_NOTES, ONE_HOT_MIXED, SOFT_TARGET, UNBATCHED_INDEX, UNBATCHED_ROW],
                   max_examples=FEW)
def gradient_matches(ctx: Context, call: Call) -> None:
    scores, target = call.args
    reference = ctx.reference.probe("gradient", scores=scores, target=target)
    student = compare.returned(call, ctx.student.probe("gradient", scores=scores, target=target))
    if not student["connected"]:
        compare.fail("your loss is not connected to scores, so loss.backward() cannot reach them "
                     f"(you returned {student['kind']} without a grad_fn): do not use .detach(), "
                     ".item(), float(), torch.tensor(...) or torch.no_grad() on the way from scores "
                     "to the loss")
    if "grad" not in student.observed:
        return  # not a one-element loss: "every loss returns a 0-D tensor" says so
    found = compare.difference(student["grad"], reference["grad"], tolerance=_tolerance(call))
    if found:
        compare.fail("after loss = cross_entropy(scores, target); loss.backward(), scores.grad "
                     "differs from the reference's (for a batch it is (softmax(scores) - target rows) / N, "
                     "with an index target as one-hot rows)",
                     f"expected: {compare.show(reference['grad'])}",
                     f"you got: {compare.show(student['grad'])}",
                     found)


# --- invariants ----------------------------------------------------------------


def _twice(tensor: torch.Tensor) -> torch.Tensor:
    return torch.cat([tensor, tensor])


@exercise.property("a loss is a mean: repeating the batch leaves it unchanged", "invariant",
                   st.one_of(_mse_calls(min_dims=1), _bce_calls(min_dims=1), _index_calls(),
                             _probability_calls()),
                   [MSE_NOTES, BCE_NOTES, INDEX_NOTES, ONE_HOT_DOUBLE], max_examples=FEW)
def mean_not_sum(ctx: Context, call: Call) -> None:
    doubled = Call(call.function, tuple(_twice(arg) for arg in call.args))
    once = compare.returned(call, ctx.student.run(call)).returned
    twice = compare.returned(doubled, ctx.student.run(doubled)).returned
    found = compare.difference(twice, once, tolerance=_tolerance(call))
    if found:
        compare.fail(f"{call.function} must average over the batch: the same samples twice over must "
                     "give the same loss (did you use .sum() instead of .mean(), or divide by the "
                     "wrong count?)",
                     f"with the batch once: {compare.show(once)}",
                     f"with every sample twice, {doubled}: {compare.show(twice)}")


def _finite(value: Any) -> bool | None:
    """Whether a returned loss is finite; None for something that is not a number at all."""
    if isinstance(value, TensorValue) and value.data.is_floating_point():
        return bool(torch.isfinite(value.data).all())
    if type(value) is float:
        return math.isfinite(value)
    return None


@exercise.property("cross_entropy is finite for scores as large as 1e4", "invariant",
                   _ce_calls(LARGE_MAGNITUDE), [
                       Call("cross_entropy", (t([[1e4, -1e4, 0.0]]), t([1], torch.int64))),
                       Call("cross_entropy", (t([[1e4, -1e4, 0.0], [-1e4, 5e3, 1e4]], torch.float64),
                                              t([2, 0], torch.int64))),
                       Call("cross_entropy", (t([[-1e4, 1e4]]), _rows_of(t([0], torch.int64), 2, torch.float64))),
                       Call("cross_entropy", (t([1e4, 9999.0, -1e4]), t([0.2, 0.3, 0.5]))),
                       Call("cross_entropy", (t([-1e4, 1e4], torch.float64), t(0, torch.int64))),
                   ], max_examples=FEW)
def finite_for_large_scores(ctx: Context, call: Call) -> None:
    value = compare.returned(call, ctx.student.run(call)).returned
    if _finite(value) is False:
        compare.fail("cross entropy must be finite for every finite input, but yours gave "
                     f"{compare.show(value)}: exp(1e4) overflows to inf, so compute "
                     "log(sum(exp(s))) as torch.logsumexp(s, dim=-1) or as m + log(sum(exp(s - m))) "
                     "with m the row's maximum, and never take the log of a softmax that "
                     "rounded to 0")


# --- errors ----------------------------------------------------------------------


@st.composite
def mismatched_calls(draw: st.DrawFn) -> Call:
    """mse_loss or binary_cross_entropy with two different shapes, often broadcastable ones."""
    dtype = draw(S.float_dtypes)
    first = draw(S.shapes(0, 3, max_side=4))
    second = draw(S.shapes(0, 3, max_side=4).filter(lambda shape: shape != first))
    if draw(st.booleans()):
        return Call("mse_loss", (draw(S.float_tensors(first, dtype)), draw(S.float_tensors(second, dtype))))
    return Call("binary_cross_entropy", (draw(_probabilities(first, dtype)),
                                         draw(S.float_tensors(second, dtype, min_value=0.0, max_value=1.0))))


properties.raises(exercise, "mse_loss and binary_cross_entropy raise ValueError when the shapes differ",
                  mismatched_calls(), [
                      Call("mse_loss", (t([[1.0], [2.0], [3.0]]), t([1.0, 2.0, 3.0]))),  # (3, 1) vs (3,)
                      Call("mse_loss", (t([1.0, 2.0]), t(1.0))),
                      Call("binary_cross_entropy", (t([[0.2], [0.9]]), t([0.0, 1.0]))),
                      Call("binary_cross_entropy", (t([0.5, 0.5, 0.5]), t([1.0, 0.0]))),
                  ])
_few_examples()


@st.composite
def out_of_range_calls(draw: st.DrawFn) -> Call:
    """Class indices with one index at C or beyond, or negative."""
    index_call = draw(st.one_of(_index_calls(), _unbatched_calls().filter(lambda c: c.args[1].dim() == 0)))
    scores, target = index_call.args
    classes = scores.shape[-1]
    bad = classes + draw(st.integers(0, 2)) if draw(st.booleans()) else -draw(st.integers(1, 3))
    target = target.clone()
    target.view(-1)[draw(st.integers(0, target.numel() - 1))] = bad
    return Call("cross_entropy", (scores, target))


properties.raises(exercise, "cross_entropy raises ValueError for a class index outside [0, C)",
                  out_of_range_calls(), [
                      Call("cross_entropy", (SCORES, t([0, 3], torch.int64))),  # index == C
                      Call("cross_entropy", (SCORES, t([-1, 1], torch.int64))),
                      Call("cross_entropy", (SCORES, t([-100, 1], torch.int64))),  # torch would ignore it
                      Call("cross_entropy", (SCORES[0], t(3, torch.int64))),
                      Call("cross_entropy", (SCORES.double(), t([1, 4], torch.int64))),
                  ])
_few_examples()


@st.composite
def misshapen_calls(draw: st.DrawFn) -> Call:
    """scores and target whose shapes fit none of the catalog's cases."""
    batch, classes = draw(st.integers(1, 4)), draw(st.integers(2, 5))
    scores = draw(S.float_tensors((batch, classes)))
    case = draw(st.sampled_from(["0-D scores", "3-D scores", "indices of another batch",
                                 "rows of another width", "rows of another batch", "0-D index for a batch",
                                 "unbatched row of another width"]))
    if case == "0-D scores":
        return Call("cross_entropy", (draw(S.float_tensors(())), draw(S.int_tensors((), 0, 0))))
    if case == "3-D scores":
        depth = draw(st.integers(1, 3))
        return Call("cross_entropy", (draw(S.float_tensors((batch, classes, depth))),
                                      draw(S.int_tensors((batch, depth), 0, classes - 1))))
    if case == "indices of another batch":
        size = draw(st.integers(1, 5).filter(lambda n: n != batch))
        return Call("cross_entropy", (scores, draw(S.int_tensors((size,), 0, classes - 1))))
    if case == "rows of another width":
        width = draw(st.integers(1, 6).filter(lambda n: n != classes))
        return Call("cross_entropy", (scores, draw(probability_rows((batch, width)))))
    if case == "rows of another batch":
        size = draw(st.integers(1, 5).filter(lambda n: n != batch))
        return Call("cross_entropy", (scores, draw(probability_rows((size, classes)))))
    if case == "0-D index for a batch":
        return Call("cross_entropy", (scores, draw(S.int_tensors((), 0, classes - 1))))
    width = draw(st.integers(1, 6).filter(lambda n: n != classes))
    return Call("cross_entropy", (scores[0], draw(probability_rows((width,)))))


properties.raises(exercise, "cross_entropy raises ValueError for shapes that fit no case", misshapen_calls(), [
    Call("cross_entropy", (SCORES, t([0, 1, 2], torch.int64))),  # 3 labels for 2 samples
    Call("cross_entropy", (t([[0.5, 1.0], [2.0, -1.0], [0.0, 0.3]]), t([1, 0], torch.int64))),  # 2 labels, 3 samples
    Call("cross_entropy", (SCORES, t([[1.0, 0.0], [0.0, 1.0]]))),  # rows of width 2 for 3 classes
    Call("cross_entropy", (t(1.5), t(0, torch.int64))),  # 0-D scores
    Call("cross_entropy", (t([[[1.0, 2.0], [0.5, 0.0], [3.0, 1.0]]]), t([[0, 2]], torch.int64))),  # 3-D
    Call("cross_entropy", (SCORES, t(1, torch.int64))),  # one index for a batch
    # the cases name their dtypes too: int32 indices and int64 rows fit none of them
    Call("cross_entropy", (SCORES, t([0, 1], torch.int32))),
    Call("cross_entropy", (SCORES, _rows_of(LABELS, 3, torch.int64))),
])
_few_examples()


# --- structure ---------------------------------------------------------------------

_LOSS_CLASS = {"mse_loss": "MSELoss", "binary_cross_entropy": "BCELoss", "cross_entropy": "CrossEntropyLoss"}


@exercise.property("every loss returns a 0-D tensor", "structure", _all_calls(),
                   [MSE_NOTES, BCE_NOTES, INDEX_NOTES, ONE_HOT_DOUBLE, UNBATCHED_INDEX, UNBATCHED_ROW],
                   max_examples=FEW)
def returns_0d_tensor(ctx: Context, call: Call) -> None:
    value = compare.returned(call, ctx.student.run(call)).returned
    if not isinstance(value, TensorValue):
        compare.fail(f"{call.function} must return a 0-D tensor, the way nn.{_LOSS_CLASS[call.function]} "
                     f"does, but you returned {compare.kind_of(value)} ({compare.show(value)}): keep "
                     "the tensor (no .item(), float() or .tolist()) so that loss.backward() works")
    if value.shape != ():
        compare.fail(f"{call.function} must return a 0-D tensor (shape ()), but yours has shape "
                     f"{value.shape}: take the mean of all the per-sample losses, and do not keep a "
                     "batch dimension of size 1 for an unbatched sample")


# --- hygiene ----------------------------------------------------------------------

properties.leaves_inputs_unchanged(exercise, "inputs are left unchanged", _all_calls(),
                                   [MSE_NOTES, BCE_NOTES, INDEX_NOTES, SOFT_TARGET])
_few_examples()


# The calls whose reference never reads a value (class indices are validated by value): on the meta device.
properties.keeps_device(exercise, "the loss is on the inputs' device",
                        st.one_of(_mse_calls(), _bce_calls(), _probability_calls()),
                        [MSE_NOTES, BCE_NOTES, SOFT_TARGET, ONE_HOT_MIXED, UNBATCHED_ROW,
                         Call("mse_loss", (t(2.0), t(-1.0)))])
_few_examples()
