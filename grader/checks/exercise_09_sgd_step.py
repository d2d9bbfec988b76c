"""Checks for exercise-09 · manual gradient step.

A check describes the parameters as data -- each a value, a gradient or
None, and whether it is an ``nn.Parameter`` or a plain leaf tensor with
``requires_grad=True`` -- plus ``lr`` and how they are handed over: a list,
a tuple, or ``model.parameters()`` of a module holding them, a one-shot
generator. The probe builds them in the worker, calls ``sgd_step`` and
reports what only the worker can see: each parameter's value and gradient
afterwards, whether it is still the same object the caller holds, still a
leaf with ``requires_grad=True`` and without a ``grad_fn``.

Plain gradients cannot show whether the update was recorded: torch refuses
an in-place change of a leaf that requires grad, and an update computed from
tensors that need no grad records nothing anyway. So some cases hand over
*graph* gradients, which carry autograd history as ``backward(create_graph=
True)`` leaves them; then only an update made under ``torch.no_grad()`` (or
through ``.data``) keeps the parameter a leaf without a ``grad_fn``, and the
trick of switching ``requires_grad`` off around the update is caught.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare
from grader import strategies as S
from grader.exercise import Context, Exercise, Outcome
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Manual gradient step",
    functions=["sgd_step"],
    forbidden=["torch.optim"],
    hints=[
        "For each parameter p with a gradient, the step is p - lr * p.grad; a parameter whose "
        "p.grad is None got no gradient from backward: skip it and leave it as it is.",
        "The new value must go *into* p: `p = p - lr * p.grad` only rebinds the loop variable and "
        "the model never sees it. Update in place inside `with torch.no_grad():`, with "
        "p -= lr * p.grad or p.add_(p.grad, alpha=-lr); outside no_grad, torch refuses to change a "
        "leaf that requires grad in place, because autograd would record the step.",
        "parameters may be model.parameters(), a generator that can be looped over only once: a "
        "second loop over it sees nothing. Update and clear each gradient in the same loop, or make "
        "a list first with list(parameters).",
        "After the update clear each used gradient (p.grad = None or p.grad.zero_()), keep "
        "requires_grad=True (no requires_grad_(False), no detach_()), return nothing, and raise "
        "ValueError for a negative lr before changing anything.",
        "Switching requires_grad off around the update is not the same as torch.no_grad(): when the "
        "gradient itself carries autograd history (after backward(create_graph=True)), p -= lr * p.grad "
        "is then recorded and p stops being a leaf. torch.no_grad() records nothing, whatever the inputs.",
    ],
)

CONTAINERS = ("list", "tuple", "model.parameters()")


@dataclass(frozen=True)
class StepCase:
    """``sgd_step(<parameters as container>, lr)``; each parameter is (value, grad or None, is nn.Parameter).

    ``graph``: every gradient carries autograd history, as ``backward(create_graph=True)`` leaves it.
    """

    parameters: tuple
    lr: float
    container: str = "list"
    graph: bool = False
    function = "sgd_step"

    def data(self) -> dict:
        return {"parameters": [list(p) for p in self.parameters], "lr": self.lr, "container": self.container,
                "graph": self.graph}

    def __str__(self) -> str:
        lines = []
        for i, (value, grad, is_parameter) in enumerate(self.parameters):
            made = (f"nn.Parameter({compare.show(value)})" if is_parameter
                    else f"{compare.show(value)}.requires_grad_()")
            grad_text = "None" if grad is None else compare.show(grad)
            if grad is not None and self.graph:  # one way to give a gradient a grad_fn, as create_graph=True does
                grad_text += ".requires_grad_() * 1"
            lines += [f"p{i} = {made}", f"p{i}.grad = {grad_text}"]
        names = ", ".join(f"p{i}" for i in range(len(self.parameters)))
        if self.container == "model.parameters()":
            argument = "model.parameters()"
            lines.append(f"model = nn.ParameterList([{names}])  # a module holding them")
        elif self.container == "tuple":
            argument = f"({names}{',' if len(self.parameters) == 1 else ''})"
        else:
            argument = f"[{names}]"
        lines.append(f"sgd_step({argument}, lr={self.lr!r})")
        return "\n".join(lines)  # one statement a line: pasteable as is


def param(value: torch.Tensor, grad: torch.Tensor | None, is_parameter: bool) -> tuple:
    """One parameter of a :class:`StepCase`: its value, its gradient or None, whether it is an nn.Parameter."""
    return (value, grad, is_parameter)


@st.composite
def step_cases(draw: st.DrawFn, grads: str = "any", lr: st.SearchStrategy[float] | None = None,
               graph: st.SearchStrategy[bool] = st.just(False)) -> StepCase:
    """Up to 4 parameters of one dtype, 0-D to 2-D.

    ``grads``: ``"any"`` (each has a gradient or not), ``"all"`` (every one
    has one), ``"mixed"`` (at least one with and one without). ``graph``:
    whether the gradients carry autograd history.
    """
    dtype = draw(S.float_dtypes)
    container = draw(st.sampled_from(CONTAINERS))
    count = draw(st.integers(2 if grads == "mixed" else 0 if grads == "any" else 1, 4))
    without = set()
    if grads == "any":
        without = {i for i in range(count) if draw(st.booleans())}
    elif grads == "mixed":
        without = set(draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=count - 1, unique=True)))
    parameters = []
    for i in range(count):
        shape = draw(S.shapes(0, 2, max_side=4))
        value = draw(S.float_tensors(shape, dtype, magnitude=10.0))
        grad = None if i in without else draw(S.float_tensors(shape, dtype, magnitude=10.0))
        is_parameter = container == "model.parameters()" or draw(st.booleans())
        parameters.append(param(value, grad, is_parameter))
    rate = draw(lr if lr is not None else st.one_of(st.just(0.0), st.floats(0.0, 10.0, allow_subnormal=False)))
    return StepCase(tuple(parameters), rate, container, draw(graph))


def t(*values: float, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.tensor(values if len(values) != 1 else values[0], dtype=dtype)


NOTES = StepCase((param(t(1.0, 2.0), t(2.0, 4.0), False),), 0.1)  # the course notes' example
TRAPS = [
    NOTES,
    StepCase((param(t(1.0, -2.0), t(0.5, 0.5), True), param(t(3.0), t(-1.0), True)), 0.5,
             "model.parameters()"),  # a one-shot generator
    StepCase((param(t(1.0, 2.0), t(1.0, 1.0), True), param(t(5.0, 6.0), None, True),
              param(t(0.5), t(2.0), False)), 1.0),  # a parameter without a gradient in between
    StepCase((param(t(4.0, dtype=torch.float64), None, True),
              param(t(1.0, 1.0, dtype=torch.float64), t(3.0, -3.0, dtype=torch.float64), True)), 0.25,
             "model.parameters()"),
    StepCase((param(t(1.0, 2.0, 3.0), t(1.0, 2.0, 3.0), True),), 0.0, "tuple"),  # lr=0 still clears
    StepCase((), 0.1),  # nothing to update
]
WITH_GRADS = [NOTES, TRAPS[1], TRAPS[4]]
# The same steps with gradients that carry history: only an update under no_grad stays unrecorded.
GRAPH_TRAPS = [StepCase(NOTES.parameters, NOTES.lr, graph=True),
               StepCase(TRAPS[1].parameters, TRAPS[1].lr, TRAPS[1].container, graph=True)]
MIXED = [TRAPS[2], TRAPS[3]]


# --- probe (runs in the student's worker, and locally for the reference) ---


@exercise.probe
def step_run(module, device: str, parameters: list, lr: float, container: str, graph: bool = False) -> dict:
    """Build the parameters, call ``sgd_step`` once, and report each parameter afterwards.

    With ``graph`` each gradient is ``source * 1`` for a leaf ``source`` that requires grad: the
    same values, with a ``grad_fn`` as after ``backward(create_graph=True)`` (without its
    parameter-gradient reference cycle).
    """
    tensors = []
    for value, grad, is_parameter in parameters:
        tensor = materialize(value, device)
        tensor = nn.Parameter(tensor) if is_parameter else tensor.requires_grad_(True)
        if grad is not None:
            tensor.grad = materialize(grad, device).requires_grad_(True) * 1 if graph else materialize(grad, device)
        tensors.append(tensor)
    holder = None
    if container == "model.parameters()":
        holder = nn.Module()
        for i, tensor in enumerate(tensors):
            holder.register_parameter(f"p{i}", tensor)
        argument = holder.parameters()
    else:
        argument = list(tensors) if container == "list" else tuple(tensors)
    returned = module.sgd_step(argument, lr)
    held = list(holder.parameters()) if holder is not None else list(argument)
    return {
        "returned": returned,
        "values": [p.detach().clone() for p in tensors],
        "grads": [None if p.grad is None else p.grad.detach().clone() for p in tensors],
        "same_object": [len(held) == len(tensors) and held[i] is p for i, p in enumerate(tensors)],
        "leaf": [p.is_leaf for p in tensors],
        "requires_grad": [p.requires_grad for p in tensors],
        "history": [p.grad_fn is not None for p in tensors],
    }


# --- helpers for the verdicts ------------------------------------------------


def _student(ctx: Context, case: StepCase) -> dict:
    outcome: Outcome = ctx.student.probe("step_run", **case.data())
    return compare.returned(case, outcome).observed


def _with_grad(case: StepCase) -> list[int]:
    return [i for i, (_, grad, _) in enumerate(case.parameters) if grad is not None]


# --- checks ----------------------------------------------------------------------


@exercise.property("matches one torch.optim.SGD step", "differential", step_cases(), TRAPS)
def matches_sgd(ctx: Context, case: StepCase) -> None:
    reference = ctx.reference.probe("step_run", **case.data())
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = _student(ctx, case)
    found = compare.difference(student["values"], reference["values"], "parameters")
    if found:
        compare.fail("expected the parameters afterwards: " + compare.show(reference["values"]),
                     "yours are: " + compare.show(student["values"]),
                     found,
                     "each parameter with a gradient must become p - lr * p.grad, changed in place "
                     "(rebinding the name p changes nothing for the caller)")


@exercise.property("parameters stay the same leaf tensors with requires_grad=True", "invariant",
                   step_cases(grads="all", graph=st.booleans()), WITH_GRADS + GRAPH_TRAPS, max_examples=15)
def stay_leaves(ctx: Context, case: StepCase) -> None:
    student = _student(ctx, case)
    for i in range(len(case.parameters)):
        if not student["same_object"][i]:
            compare.fail(f"p{i} is no longer the object the caller holds: update the tensors in place, "
                         "do not put new tensors in their place")
        if student["history"][i] or not student["leaf"][i]:
            compare.fail(f"p{i} now has autograd history (a grad_fn) and is no longer a leaf: the update was "
                         "recorded; do it inside `with torch.no_grad():`",
                         "here the gradients carry history, as after backward(create_graph=True): switching "
                         "requires_grad off around the update does not stop autograd recording it"
                         if case.graph else "")
        if not student["requires_grad"][i]:
            compare.fail(f"p{i} no longer has requires_grad=True, so the next backward gives it no "
                         "gradient: do not call requires_grad_(False) or detach_() on a parameter")


@exercise.property("gradients are zeroed or set to None afterwards", "invariant",
                   step_cases(grads="all"), WITH_GRADS, max_examples=15)
def gradients_cleared(ctx: Context, case: StepCase) -> None:
    student = _student(ctx, case)
    for i in _with_grad(case):
        grad = student["grads"][i]
        if grad is not None and not (isinstance(grad, TensorValue) and not bool(grad.data.any())):
            compare.fail(f"after the step p{i}.grad is still {compare.show(grad)}",
                         "clear each gradient you used (p.grad = None or p.grad.zero_()), or the next "
                         "backward adds to it; with model.parameters(), which can be looped over only "
                         "once, clear it in the same loop as the update")


@exercise.property("parameters without a gradient are left untouched", "invariant",
                   step_cases(grads="mixed"), MIXED, max_examples=15)
def no_gradient_untouched(ctx: Context, case: StepCase) -> None:
    student = _student(ctx, case)
    for i, (value, grad, _) in enumerate(case.parameters):
        if grad is not None:
            continue
        after = student["values"][i]
        if not torch.equal(after.data, value):
            compare.fail(f"p{i} had no gradient (p{i}.grad is None) but its value changed from "
                         f"{compare.show(value)} to {compare.show(after)}")
        if student["grads"][i] is not None:
            compare.fail(f"p{i} had no gradient, and afterwards p{i}.grad is {compare.show(student['grads'][i])}: "
                         "skip a parameter whose .grad is None, do not give it a gradient")


@exercise.property("raises ValueError for a negative lr", "errors",
                   step_cases(lr=st.floats(-10.0, -1e-3)),
                   [StepCase(NOTES.parameters, -0.1),
                    StepCase((), -0.1),  # nothing to update: the lr is still wrong
                    StepCase((param(t(1.0, 2.0), None, True),), -1.0, "model.parameters()")],  # no gradient at all
                   max_examples=10)
def negative_lr(ctx: Context, case: StepCase) -> None:
    compare.expect_raises(case, ctx.student.probe("step_run", **case.data()))


@exercise.property("returns None", "structure", step_cases(grads="all"), [NOTES], max_examples=5)
def returns_none(ctx: Context, case: StepCase) -> None:
    returned = _student(ctx, case)["returned"]
    if returned is not None:
        compare.fail(f"sgd_step must return None (it changes the parameters in place); you returned "
                     f"{compare.show(returned)}")
