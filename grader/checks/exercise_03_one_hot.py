"""Checks for exercise-03 · one-hot encoding."""

from __future__ import annotations

import torch
from hypothesis import strategies as st

from grader import compare, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise

exercise = Exercise(
    title="One-hot encoding",
    functions=["one_hot"],
    forbidden=["torch.nn.functional.one_hot"],
    hints=[
        "Compare each label with every class index at once: give labels a new last "
        "dimension with labels.unsqueeze(-1) and compare it with torch.arange(num_classes); "
        "broadcasting does the rest.",
        "The result must be int64, not bool or float: convert the comparison with .to(torch.int64) "
        "(or .long()). Build torch.arange on labels.device so CUDA inputs work.",
        "num_classes=None means labels.max() + 1, which needs at least one label: an empty "
        "tensor with num_classes=None must raise ValueError, and so must a negative label, "
        "a label >= num_classes, and num_classes < 1.",
        "A 0-D label such as torch.tensor(2) must give shape (num_classes,): unsqueeze(-1) "
        "handles it, labels.view(-1) or len(labels) do not.",
    ],
)


def _call(labels: torch.Tensor, num_classes: int | None, omit: bool = False) -> Call:
    return Call("one_hot", (labels,) if omit else (labels, num_classes))


@st.composite
def valid_calls(draw: st.DrawFn) -> Call:
    """int64 labels of 0 to 3 dims (empty too) with a fitting or omitted num_classes."""
    shape = draw(S.shapes(0, 3, min_side=0, max_side=4))
    num_classes = draw(st.integers(1, 6))
    labels = draw(S.int_tensors(shape, 0, num_classes - 1))
    if labels.numel() and draw(st.booleans()):
        return _call(labels, None, omit=draw(st.booleans()))
    return _call(labels, num_classes)


@st.composite
def invalid_calls(draw: st.DrawFn) -> Call:
    """One thing wrong: a negative label, a label past the end, num_classes < 1, or empty with None."""
    shape = draw(S.shapes(1, 2, min_side=1, max_side=4))
    num_classes = draw(st.integers(1, 5))
    labels = draw(S.int_tensors(shape, 0, num_classes - 1)).clone()
    mistake = draw(st.sampled_from(["negative", "too large", "no classes", "empty", "empty and no classes"]))
    if mistake == "negative":
        labels[(0,) * labels.dim()] = -draw(st.integers(1, 3))  # indexing keeps any awkward strides
        return _call(labels, draw(st.sampled_from([num_classes, None])))
    if mistake == "too large":
        labels[tuple(side - 1 for side in shape)] = num_classes + draw(st.integers(0, 2))
        return _call(labels, num_classes)
    if mistake == "no classes":
        return _call(labels, draw(st.integers(-2, 0)))
    if mistake == "empty and no classes":  # nothing to encode, yet num_classes itself is invalid
        return _call(torch.zeros(shape[:-1] + (0,), dtype=torch.int64), draw(st.integers(-2, 0)))
    return _call(torch.zeros(shape[:-1] + (0,), dtype=torch.int64), None)


def t(*values) -> torch.Tensor:
    return torch.tensor(values if len(values) != 1 else values[0], dtype=torch.int64)


TRAPS = [
    _call(t([0, 2, 1]), 3),  # the course notes' example
    _call(t([2]), 3),  # the last class index
    _call(t(1), 3),  # a 0-D label
    _call(t([0, 3]), None),  # num_classes inferred from the largest label
    _call(t([1, 4]), None, omit=True),
    _call(t([[0, 1], [2, 0]]), 4),  # a batch of sequences
    _call(t([[0, 1, 2], [2, 0, 1]]).t(), 3),  # a transposed batch: .view() cannot flatten it
    _call(torch.zeros(0, dtype=torch.int64), 3),  # empty labels, classes given
    _call(torch.zeros(0, dtype=torch.int64), 1),  # empty labels, the fewest classes
    _call(torch.zeros(3, 0, dtype=torch.int64), 2),  # a batch of empty sequences
    _call(t(0), 1),  # a 0-D label, one class
    _call(t(2), None),  # a 0-D label, classes inferred
]

properties.matches_reference(exercise, "matches F.one_hot", valid_calls(), TRAPS)


@exercise.property("argmax of each row gives the label back", "invariant", valid_calls(), TRAPS[:4])
def argmax_recovers_labels(ctx: Context, call: Call) -> None:
    out = compare.returned(call, ctx.student.run(call)).returned
    labels = call.args[0]
    if not hasattr(out, "data") or tuple(out.shape[:-1]) != tuple(labels.shape) or out.data.numel() == 0:
        return  # shapes are judged by the differential check; here only the encoding
    rows = out.data.reshape(-1, out.shape[-1])
    if not bool((rows.sum(-1) == 1).all()) or not torch.equal(rows.argmax(-1), labels.reshape(-1).cpu()):
        compare.fail("every row must hold exactly one 1, in the column of its label",
                     f"you returned: {compare.show(out)}")


def why_invalid(call: Call) -> str:
    """What is wrong with an invalid call, in the words of the task."""
    labels = call.args[0]
    num_classes = call.args[1] if len(call.args) > 1 else None
    if num_classes is None and labels.numel() == 0:
        return "labels is empty and num_classes is None, so there is no largest label to count classes from"
    if num_classes is not None and num_classes < 1:
        return f"num_classes={num_classes} is below 1"
    if int(labels.min()) < 0:
        return f"the label {int(labels.min())} is negative"
    return f"the label {int(labels.max())} is not below num_classes={num_classes} (classes are 0 to {num_classes - 1})"


@exercise.property("raises ValueError for invalid labels or num_classes", "errors", invalid_calls(), [
    _call(t([-1, 0]), 3),
    _call(t([3]), 3),
    _call(t([0, 3, 1]), 3),  # one label past the end among valid ones: not only the smallest label is checked
    _call(t([0]), 0),
    _call(torch.zeros(0, dtype=torch.int64), None),
    _call(torch.zeros(0, dtype=torch.int64), 0),  # no label to refuse: only the num_classes check raises
    _call(torch.zeros(2, 0, dtype=torch.int64), -1),
    _call(torch.zeros(2, 0, dtype=torch.int64), None),
    _call(t(0), 0),  # a 0-D label with no classes
])
def raises_for_invalid(ctx: Context, call: Call) -> None:
    compare.expect_raises(call, ctx.student.run(call), "ValueError", why=why_invalid(call))


properties.leaves_inputs_unchanged(exercise, "does not modify labels", valid_calls(), TRAPS[:1])


@st.composite
def empty_calls(draw: st.DrawFn) -> Call:
    """Empty labels with num_classes given: the one call a reference makes without reading a label's value."""
    shape = draw(st.sampled_from([(0,), (2, 0), (0, 3)]))
    return _call(torch.zeros(shape, dtype=torch.int64), draw(st.integers(1, 5)))


exercise.probes.setdefault(properties.call_elsewhere.__name__, properties.call_elsewhere)


@exercise.property("the result is on the labels' device", "hygiene", empty_calls(),
                   [_call(torch.zeros(0, dtype=torch.int64), 3)], max_examples=5)
def keeps_device(ctx: Context, call: Call) -> None:
    outcome = ctx.student.probe(properties.call_elsewhere.__name__, function=call.function,
                                args=list(call.args), kwargs=call.kwargs)
    if outcome.raised and "meta tensor" in outcome.raised.message:
        return  # it read a label's value, which the meta device has none of: a GPU has, so not judged here
    properties.expect_elsewhere(properties.Elsewhere(call), outcome)
