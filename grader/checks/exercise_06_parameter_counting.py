"""Checks for exercise-06 · parameter counting.

A model cannot cross into the worker, so each counted model is a
:class:`ModelCase`: a :mod:`grader.models` spec plus which positions reuse an
earlier layer object (a shared layer) and which parameters are frozen. The
``count_model`` probe builds it on the worker's side; the counts are judged
by value first (any numeric type) and by type in a check of their own, so a
student whose only mistake is a NumPy or tensor result reads exactly that.

:func:`grader.models.layer_code` and :func:`grader.models.model_code`
render the cases as the Python a student would type.
"""

from __future__ import annotations

import operator
import signal
import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare, models, properties
from grader.exercise import Call, Context, Exercise, Outcome
from grader.wire import Opaque

exercise = Exercise(
    title="Parameter counting",
    functions=["count_parameters", "linear_stack_parameters"],
    hints=[
        "model.parameters() yields every parameter tensor of the model; p.numel() is the number of "
        "scalars in one of them. Add them up.",
        "Loop over model.parameters(), not over the layers: when the same layer object appears twice "
        "in a Sequential, `for layer in model` visits it twice, while model.parameters() yields each "
        "parameter object once.",
        "With trainable_only=True skip every parameter whose requires_grad is False; with "
        "trainable_only=False count them all, frozen or not.",
        "Linear(n_in, n_out) holds n_in * n_out weights plus n_out biases (no biases with bias=False). "
        "Sum that over consecutive pairs of sizes, zip(sizes, sizes[1:]); never build the layers: "
        "Linear(10**6, 10**6) needs 4 TB of memory.",
        "Both functions must return a Python int: sum() of p.numel() values already is one, but "
        "NumPy or torch arithmetic gives a NumPy integer or a tensor (convert with int(...)), and "
        "a running total that starts at 0.0 gives a float.",
    ],
)


# --- what a check asks the worker to count ------------------------------------------------------


@dataclass(frozen=True)
class ModelCase:
    """``count_parameters`` on a model given as data: a spec, shared positions, frozen parameters."""

    spec: tuple[tuple, ...]
    shared: tuple[tuple[int, int], ...] = ()  # (position, earlier position whose layer object it reuses)
    frozen: tuple[tuple[int, str], ...] = ()  # (position, "weight" or "bias") set to requires_grad=False
    trainable_only: bool | None = None  # None: the argument is left out

    function = "count_parameters"

    def __str__(self) -> str:
        lines = models.model_code(self.spec, self.shared)
        lines += [f"model[{position}].{name}.requires_grad_(False)" for position, name in self.frozen]
        argument = "" if self.trainable_only is None else f", trainable_only={self.trainable_only}"
        lines.append(f"count_parameters(model{argument})")
        return "\n".join(lines)

    def data(self) -> dict:
        return {"spec": self.spec, "shared": self.shared, "frozen": self.frozen, "trainable_only": self.trainable_only}


def build_case(spec: tuple, shared: tuple, frozen: tuple, device: str) -> nn.Sequential:
    """The model a :class:`ModelCase` describes, on ``device``."""
    model = models.reuse(models.build(list(spec), device=device), shared)
    for position, name in frozen:
        getattr(model[position], name).requires_grad_(False)
    return model


def as_number(value: Any) -> int | float | None:
    """The value of a numeric result whatever carries it (int, float, NumPy, 1-element tensor); None if none.

    Whole numbers come back as ``int`` so that a count of 10**14 is compared exactly.
    """
    if isinstance(value, (str, bytes)):
        return None
    try:
        return operator.index(value)
    except Exception:
        pass
    try:
        number = float(value)
    except Exception:
        return None
    return int(number) if number.is_integer() else number


def _observed(result: Any) -> dict:
    return {"returned": result, "value": as_number(result)}


@exercise.probe
def count_model(module: ModuleType, device: str, spec: tuple, shared: tuple, frozen: tuple,
                trainable_only: bool | None) -> dict:
    """Build the described model and count it with the judged ``count_parameters``."""
    model = build_case(spec, shared, frozen, device)
    if trainable_only is None:
        return _observed(module.count_parameters(model))
    return _observed(module.count_parameters(model, trainable_only=trainable_only))


class TookTooLong(BaseException):
    """Raised into the judged code by a timer; a BaseException so ``except Exception`` lets it through."""


SPEED_LIMIT_S = 1.0


def _with_time_limit(fn: Callable[[], Any], seconds: float) -> tuple[Any, bool]:
    """Run ``fn``; stop it after ``seconds`` with SIGALRM where this is the main thread (workers are)."""
    if threading.current_thread() is not threading.main_thread():
        return fn(), False

    def interrupt(signum, frame):
        raise TookTooLong()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(), False
    except TookTooLong:
        return None, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@exercise.probe
def timed_stack(module: ModuleType, device: str, sizes: list, kwargs: dict) -> dict:
    """Call ``linear_stack_parameters`` under a time limit; ``too_slow`` if it had to be stopped."""
    result, too_slow = _with_time_limit(lambda: module.linear_stack_parameters(sizes, **kwargs), SPEED_LIMIT_S)
    return {**_observed(result), "too_slow": too_slow}


# --- judging counts ----------------------------------------------------------------------------


def expect_count(call: Any, student: Outcome, reference: Outcome, advice: str = "") -> None:
    """The student's count must have the reference's value (its type is judged by another check)."""
    if reference.raised:
        compare.expect_raises(call, student, reference.raised.type_name)
        return
    compare.returned(call, student)
    expected, got = reference["value"], student["value"]
    if got is None:
        compare.fail(f"expected a whole number ({expected}), you returned {compare.show(student.returned)}")
    if got != expected:
        compare.fail(f"expected: {expected}", f"you returned: {compare.show(student.returned)}", advice)


def _count(ctx: Context, case: ModelCase, advice: str) -> None:
    expect_count(case, ctx.student.probe("count_model", **case.data()),
                 ctx.reference.probe("count_model", **case.data()), advice)


# --- strategies --------------------------------------------------------------------------------

SPECS = models.linear_stacks(min_layers=1, max_layers=4, max_width=6)


@st.composite
def plain_cases(draw: st.DrawFn) -> ModelCase:
    """Linear stacks with activations, biases or not; nothing shared, nothing frozen."""
    return ModelCase(tuple(draw(SPECS)), trainable_only=draw(st.sampled_from([None, False])))


@st.composite
def shared_cases(draw: st.DrawFn) -> ModelCase:
    """A stack with a square Linear(w, w) inserted after one of its layers and repeated 2 or 3 times."""
    spec = draw(SPECS)
    after = draw(st.sampled_from([i for i, entry in enumerate(spec) if entry[0] == "Linear"]))
    width = spec[after][2]
    block: list[tuple] = [("Linear", width, width, draw(st.booleans()))]
    repeats = []
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.booleans()):
            block.append((draw(st.sampled_from(["ReLU", "Sigmoid", "Tanh"])),))
        repeats.append(after + 1 + len(block))
        block.append(block[0])
    spec = spec[:after + 1] + block + spec[after + 1:]
    return ModelCase(tuple(spec), shared=tuple((position, after + 1) for position in repeats))


@st.composite
def frozen_cases(draw: st.DrawFn) -> ModelCase:
    """A stack with some (at least one, maybe all) of its parameters frozen, counted with trainable_only given."""
    spec = draw(SPECS)
    parameters = [(i, "weight") for i, entry in enumerate(spec) if entry[0] == "Linear"]
    parameters += [(i, "bias") for i, entry in enumerate(spec) if entry[0] == "Linear" and entry[3]]
    frozen = draw(st.lists(st.sampled_from(sorted(parameters)), min_size=1, unique=True))
    return ModelCase(tuple(spec), frozen=tuple(sorted(frozen)), trainable_only=draw(st.booleans()))


NOTES_MODEL = (("Linear", 8, 4, True), ("ReLU",), ("Linear", 4, 2, True))


@exercise.property("counts every parameter of a model", "differential", plain_cases(), [
    ModelCase(NOTES_MODEL),  # the course notes: 46
    ModelCase((("Linear", 5, 3, False), ("Tanh",), ("Linear", 3, 1, True))),  # a layer without bias
    ModelCase((("ReLU",),)),  # no parameters at all
    ModelCase(()),  # an empty nn.Sequential(): nothing to add up
])
def counts_every_parameter(ctx: Context, case: ModelCase) -> None:
    _count(ctx, case, "count the scalars of every weight and bias: sum p.numel() over model.parameters()")


@exercise.property("counts a shared layer once", "differential", shared_cases(), [
    ModelCase((("Linear", 2, 3, True), ("Linear", 3, 3, True), ("ReLU",), ("Linear", 3, 3, True)),
              shared=((3, 1),)),
])
def counts_shared_layer_once(ctx: Context, case: ModelCase) -> None:
    _count(ctx, case, "the same layer object appears more than once in this model; its parameters count once. "
                      "model.parameters() yields each parameter object once, a loop over the layers does not")


@exercise.property("trainable_only decides whether frozen parameters count", "differential", frozen_cases(), [
    ModelCase(NOTES_MODEL, frozen=((0, "weight"), (0, "bias")), trainable_only=True),  # 10
    ModelCase(NOTES_MODEL, frozen=((2, "bias"),), trainable_only=False),  # 46: frozen ones count too
    ModelCase(NOTES_MODEL, frozen=((0, "weight"), (0, "bias"), (2, "weight"), (2, "bias")),
              trainable_only=True),  # all frozen: 0
])
def respects_trainable_only(ctx: Context, case: ModelCase) -> None:
    _count(ctx, case, "some parameters here have requires_grad=False: with trainable_only=True skip them, "
                      "with trainable_only=False count them too")


@dataclass(frozen=True)
class TreeCase:
    """``count_parameters`` on a :func:`grader.models.build_tree` model, in a state a caller's model can be in.

    Beside the structure (nested containers of every kind, a layer object
    reached twice, tied parameters, BatchNorm buffers): the model may be in
    eval mode, hold gradients from an earlier backward, have its first
    layer frozen, or live on another device (``meta``, which has shapes but
    no values: ``p.numel()`` works there, a detour through NumPy does not).
    """

    tree: tuple
    ties: tuple = ()
    frozen_first: bool = False
    trainable_only: bool | None = None
    eval_mode: bool = False
    with_grads: bool = False
    elsewhere: bool = False

    function = "count_parameters"

    def __str__(self) -> str:
        lines = models.tree_code(self.tree, self.ties)
        if self.frozen_first:
            lines.append("next(model.parameters()).requires_grad_(False)")
        if self.eval_mode:
            lines.append("model.eval()")
        if self.with_grads:
            lines.append("for p in model.parameters(): p.grad = torch.ones_like(p)  # left by an earlier backward")
        if self.elsewhere:
            lines.append(f"model.to('{properties.ELSEWHERE}')")
        argument = "" if self.trainable_only is None else f", trainable_only={self.trainable_only}"
        lines.append(f"count_parameters(model{argument})")
        return "\n".join(lines)

    def data(self) -> dict:
        return {"tree": self.tree, "ties": self.ties, "frozen_first": self.frozen_first,
                "trainable_only": self.trainable_only, "eval_mode": self.eval_mode,
                "with_grads": self.with_grads, "elsewhere": self.elsewhere}


@exercise.probe
def count_tree(module: ModuleType, device: str, tree: tuple, ties: tuple, frozen_first: bool,
               trainable_only: bool | None, eval_mode: bool, with_grads: bool, elsewhere: bool) -> dict:
    """Build the described model in the described state and count it with the judged ``count_parameters``."""
    model = models.build_tree(tree, ties, properties.ELSEWHERE if elsewhere else device)
    parameters = list(model.parameters())
    if frozen_first and parameters:
        parameters[0].requires_grad_(False)
    if eval_mode:
        model.eval()
    if with_grads:
        for parameter in parameters:
            parameter.grad = torch.ones_like(parameter)
    if trainable_only is None:
        return _observed(module.count_parameters(model))
    return _observed(module.count_parameters(model, trainable_only=trainable_only))


@st.composite
def tree_cases(draw: st.DrawFn) -> TreeCase:
    tree, ties = draw(models.trees())
    return TreeCase(tree, ties, draw(st.booleans()), draw(st.sampled_from([None, False, True])),
                    draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))


def L(n_in: int, n_out: int, bias: bool = True) -> tuple:
    """A Linear leaf, short enough to keep the trap trees readable."""
    return ("Linear", n_in, n_out, bias)


TREE_TRAPS = [
    # one layer object in two different sub-blocks, at depths 2 and 3: 12 parameters, not 24
    TreeCase(("Sequential", [("Block", [L(3, 3), ("ReLU",)]), ("Sequential", [("ModuleList", [("Same", 0)])])])),
    # a weight tied between two distinct layers (as an embedding and its output layer are): 9 + 3 + 3
    TreeCase(("Sequential", [L(3, 3), ("Tanh",), L(3, 3)]), ties=((0, 2, "weight"),)),
    # BatchNorm1d: 2 * 4 parameters, and running statistics that are buffers, not parameters
    TreeCase(("Sequential", [L(2, 4), ("BatchNorm1d", 4), ("ReLU",), L(4, 1, False)])),
    # layers held in a ModuleDict and as attributes, no bias anywhere, in eval mode with leftover gradients
    TreeCase(("Block", [("ModuleDict", [L(4, 2, False), ("Sigmoid",)]), L(2, 2, False)]),
             eval_mode=True, with_grads=True),
    # a model on another device (a GPU in real use)
    TreeCase(("Sequential", [L(5, 3), ("ReLU",), ("Sequential", [L(3, 2)])]), elsewhere=True),
    # everything at once, frozen first layer counted and not
    TreeCase(("ModuleList", [L(2, 2), ("Block", [("Same", 0), L(2, 2)]), ("BatchNorm1d", 2)]),
             ties=((0, 1, "bias"),), frozen_first=True, trainable_only=True),
]


@exercise.property("counts each parameter once in nested, shared and tied models", "differential", tree_cases(),
                   TREE_TRAPS)
def counts_trees(ctx: Context, case: TreeCase) -> None:
    expect_count(case, ctx.student.probe("count_tree", **case.data()), ctx.reference.probe("count_tree", **case.data()),
                 "count each parameter object once, at any depth: sum p.numel() over model.parameters(), "
                 "which visits nested blocks, ModuleList, ModuleDict and attributes, yields a shared layer's "
                 "and a tied parameter's tensor once, and skips buffers such as BatchNorm's running statistics")


def _stack_call(sizes: list[int], bias: bool | None = None) -> Call:
    return Call("linear_stack_parameters", (sizes,), {} if bias is None else {"bias": bias})


def _stacks(bias: st.SearchStrategy) -> st.SearchStrategy[Call]:
    sizes = st.lists(st.integers(1, 200), min_size=2, max_size=6)
    return st.builds(_stack_call, sizes, bias)


def _stack_data(call: Call) -> dict:
    return {"sizes": list(call.args[0]), "kwargs": call.kwargs}


def _expect_stack(ctx: Context, call: Call, advice: str) -> None:
    expect_count(call, ctx.student.probe("timed_stack", **_stack_data(call)),
                 ctx.reference.probe("timed_stack", **_stack_data(call)), advice)


@exercise.property("linear_stack_parameters counts weights and biases", "differential",
                   _stacks(st.sampled_from([None, True])),
                   [_stack_call([8, 4, 2]), _stack_call([1, 1]), _stack_call([784, 128, 64, 10], True)])
def stack_with_bias(ctx: Context, call: Call) -> None:
    _expect_stack(ctx, call, "each Linear(n_in, n_out) holds n_in * n_out weights and n_out biases")


@exercise.property("bias=False counts only the weights", "differential", _stacks(st.just(False)),
                   [_stack_call([8, 4, 2], False), _stack_call([3, 3], False)])
def stack_without_bias(ctx: Context, call: Call) -> None:
    _expect_stack(ctx, call, "with bias=False the layers have no bias: n_in * n_out weights each")


MILLIONS = [10_000_000, 10_000_000, 10_000_000]  # 4e14 bytes of weights: no machine can build this


@exercise.property("answers at once for sizes in the millions", "differential",
                   st.builds(_stack_call, st.lists(st.integers(10**6, 10**7), min_size=2, max_size=5)),
                   [_stack_call(MILLIONS), _stack_call([1_000_000, 2_000_000, 1_000_000])])
def answers_at_once(ctx: Context, call: Call) -> None:
    student = ctx.student.probe("timed_stack", **_stack_data(call))
    if student.raised and not compare.not_implemented(student.raised):
        compare.fail(f"your code raised {student.raised.type_name}: {student.raised.message[:300]}",
                     "work the count out from the sizes alone: building these layers would need "
                     f"{_terabytes(call.args[0]):,.0f} TB of memory")
    if not student.raised and student["too_slow"]:
        compare.fail(f"no answer after {SPEED_LIMIT_S:g} s: the count needs one multiplication per layer, "
                     "not a loop over every weight and never the layers themselves")
    expect_count(call, student, ctx.reference.probe("timed_stack", **_stack_data(call)),
                 "counts this large must stay exact: compute with Python ints, not float32 or int32 tensors")


def _terabytes(sizes: list[int]) -> float:
    return sum(4 * n_in * n_out for n_in, n_out in zip(sizes, sizes[1:])) / 1e12


@st.composite
def invalid_sizes(draw: st.DrawFn) -> Call:
    """Fewer than two sizes, or one size below 1."""
    if draw(st.booleans()):
        return _stack_call(draw(st.lists(st.integers(1, 20), max_size=1)))
    sizes = draw(st.lists(st.integers(1, 20), min_size=2, max_size=5))
    sizes[draw(st.integers(0, len(sizes) - 1))] = draw(st.integers(-3, 0))
    return _stack_call(sizes, draw(st.sampled_from([None, True, False])))


properties.raises(exercise, "raises ValueError for fewer than two sizes or a size below 1", invalid_sizes(),
                  [_stack_call([]), _stack_call([5]), _stack_call([3, 0, 2]), _stack_call([4, 2, -1], False)])


@exercise.property("returns a Python int", "structure", st.one_of(plain_cases(), _stacks(st.booleans())), [
    ModelCase(NOTES_MODEL), _stack_call([8, 4, 2]),
])
def returns_python_int(ctx: Context, case: ModelCase | Call) -> None:
    if isinstance(case, ModelCase):
        student = compare.returned(case, ctx.student.probe("count_model", **case.data()))
    else:
        student = compare.returned(case, ctx.student.probe("timed_stack", **_stack_data(case)))
    returned = student.returned
    if type(returned) is not int:
        what = compare.show(returned) if isinstance(returned, Opaque) else \
            f"{compare.kind_of(returned)} ({compare.show(returned)})"
        compare.fail(f"{case.function} must return a Python int, you returned {what}",
                     "p.numel() and products of Python ints are already ints; convert a tensor or NumPy "
                     "number with int(...), and start a running total at 0, not 0.0")
