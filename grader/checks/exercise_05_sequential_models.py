"""Checks for exercise-05 · sequential models.

A model cannot leave the worker, so probes build it there and report data:
its layers (``grader.models.layer_summary``), or its output on an input the
check chose. For the differential check the reference's model is built
first (under a drawn seed) and its ``state_dict`` is loaded into the
student's model **by position**, not by name: the catalog fixes the layers'
types, sizes and order, not their names, so a model built from an
``OrderedDict`` or with ``add_module`` gets the same weights as one built
positionally. The invariants (outputs are probabilities, rows sum to 1)
use the student's model with its own initial weights.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare, models, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise, calls
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Sequential models",
    functions=["binary_classifier", "four_layer_regressor", "multiclass_classifier"],
    hints=[
        "nn.Sequential(layer1, layer2, ...) feeds each layer's output to the next, in the order "
        "given. Return that nn.Sequential itself: not a list of layers, not a class of your own.",
        "binary_classifier: nn.Linear(n_features, 1) then nn.Sigmoid(); the sigmoid turns the "
        "score into a probability in [0, 1].",
        "four_layer_regressor: the widths go n_features → 64 → 32 → 16 → 1, each Linear's "
        "in_features being the previous one's out_features. Exactly four nn.Linear layers and "
        "nothing between them: no ReLU, no final activation.",
        "multiclass_classifier: Linear layers n_features → 20 → 12 → 6 → n_classes, then "
        "nn.Softmax(dim=-1). dim=-1 normalises each sample's class scores; dim=0 would normalise "
        "across the batch, and dim=1 fails for one unbatched sample of shape (n_features,).",
        "Check the sizes before building anything: raise ValueError when n_features or n_classes "
        "is below 1 (nn.Linear(0, 1) would quietly build an empty layer).",
    ],
)

INPUT_MAGNITUDE = 10.0
# Drawn examples for the checks whose traps the explicit examples already hold.
FEW = 10
# Each output comparison builds two models and runs both: capped so the exercise grades in
# about a second (the explicit examples below cover every architecture and input shape).
OUTPUT_EXAMPLES = 15

NOTES = [Call("binary_classifier", (3,)), Call("four_layer_regressor", (8,)), Call("multiclass_classifier", (4, 3))]
EDGES = [Call("binary_classifier", (1,)), Call("four_layer_regressor", (64,)),
         Call("multiclass_classifier", (20, 1)), Call("multiclass_classifier", (1, 6))]

_sizes = st.integers(1, 10)
model_calls = st.one_of(calls("binary_classifier", _sizes), calls("four_layer_regressor", _sizes),
                        calls("multiclass_classifier", _sizes, st.integers(1, 8)))


@dataclass(frozen=True)
class Forward:
    """One forward pass: the model a call builds, with which weights, on which input."""

    call: Call
    x: torch.Tensor
    seed: int | None = None  # None: the model's own initial weights

    @property
    def function(self) -> str:
        return self.call.function

    def __str__(self) -> str:
        seeded = [] if self.seed is None else [f"torch.manual_seed({self.seed})"]
        weights = ("  # its own initial weights" if self.seed is None else
                   "  # the reference model's weights, if your layers are created in the same order")
        return "\n".join([*seeded, f"model = {self.call}{weights}", f"x = {compare.show(self.x)}", "model(x)"])


@st.composite
def forwards(draw: st.DrawFn, model_call: st.SearchStrategy[Call], seeded: bool = True) -> Forward:
    """A model call and a float32 input for it: one sample (F,), a batch (N, F) or (B, N, F)."""
    call = draw(model_call)
    features = call.args[0]
    shape = draw(st.sampled_from([(features,), (draw(st.integers(2, 4)), features),
                                  (2, draw(st.integers(1, 3)), features)]))
    x = draw(S.float_tensors(shape, torch.float32, INPUT_MAGNITUDE))
    return Forward(call, x, draw(st.integers(0, 2 ** 16)) if seeded else None)


# --- probes (run in the student's worker, and locally for the reference) ---


def _type_name(value: Any) -> str:
    cls = type(value)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _layers(model: Any) -> list[dict]:
    """The layers as data; a plain list of layers is described too, so its layers can be judged."""
    if isinstance(model, (list, tuple)) and all(isinstance(layer, nn.Module) for layer in model):
        return models.layer_summary(nn.Sequential(*model))
    return models.layer_summary(model)


@exercise.probe
def structure(module, device: str, function: str, args: list) -> dict:
    """What the function returned: its type and its layers."""
    model = getattr(module, function)(*args)
    return {"type": _type_name(model), "module": isinstance(model, nn.Module),
            "sequential": isinstance(model, nn.Sequential), "layers": _layers(model)}


@exercise.probe
def outputs(module, device: str, function: str, args: list, x: Any, state: dict | None = None,
            seed: int | None = None) -> dict:
    """``model(x)``; with ``state``, after loading it into the model position by position.

    With ``seed`` the model is built after ``torch.manual_seed(seed)`` and its
    ``state_dict`` comes back too: that is how the reference's weights are made.
    """
    if seed is not None:
        torch.manual_seed(seed)
    model = getattr(module, function)(*args)
    if not isinstance(model, nn.Module):
        return {"module": False, "type": _type_name(model)}
    model = model.to(device)
    built = {"state": {key: value.clone() for key, value in model.state_dict().items()}} if seed is not None else {}
    if state is not None:
        own = model.state_dict()
        shapes = [[key, list(value.shape)] for key, value in own.items()]
        if [shape for _, shape in shapes] != [list(value.shape) for value in state.values()]:
            return {"module": True, "loaded": False, "shapes": shapes}
        model.load_state_dict(dict(zip(own, materialize(list(state.values()), device))))
    dtypes = sorted({str(parameter.dtype) for parameter in model.parameters()})
    if dtypes != [str(torch.float32)]:
        return {"module": True, "loaded": True, "dtypes": dtypes}
    with torch.no_grad():
        return {"module": True, "loaded": True, "returned": model(materialize(x, device)), **built}


# --- helpers for the verdicts ------------------------------------------------


def _layer_text(layer: dict) -> str:
    if layer["type"] == "Linear":
        bias = "" if layer["bias"] else ", bias=False"
        return f"Linear({layer['in_features']}, {layer['out_features']}{bias})"
    if layer["type"] == "Softmax":
        return f"Softmax(dim={layer['dim']})"
    if layer["type"] == "Flatten":
        return f"Flatten({layer['start_dim']}, {layer['end_dim']})"
    return layer["type"]


def _stack_text(layers: list[dict]) -> str:
    return " → ".join(_layer_text(layer) for layer in layers) or "no layers"


def _student_output(ctx: Context, run: Forward, state: dict | None = None) -> Any:
    """The student's model(x), or a failure that says why there is none."""
    call = run.call
    student = compare.returned(run, ctx.student.probe("outputs", function=call.function, args=list(call.args),
                                                      x=run.x, state=state))
    if not student["module"]:
        compare.fail(f"{call} returned an object of type {student['type']}, which cannot be called on an input: "
                     "return the nn.Sequential model")
    if not student["loaded"]:
        shapes = ", ".join(f"{key} {tuple(shape)}" for key, shape in student["shapes"])
        expected = ", ".join(str(tuple(value.shape)) for value in state.values())
        compare.fail("the reference model's weights do not fit your model, so its layer sizes differ "
                     "(see the check on the layers)",
                     f"the reference's parameters, in order: {expected}",
                     f"yours: {shapes or 'none'}")
    if "dtypes" in student.observed:
        compare.fail(f"your model's parameters are {', '.join(student['dtypes'])}, but nn.Linear makes "
                     "float32 parameters and the data is float32: do not convert the model "
                     "(no .double(), no .to(torch.float64))")
    return student.returned


# --- differential --------------------------------------------------------------


@exercise.property("outputs match the reference's with the same weights loaded", "differential",
                   forwards(model_calls), [
                       Forward(NOTES[0], torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.5]]), 0),
                       Forward(NOTES[1], torch.linspace(-4, 4, 16).reshape(2, 8), 1),
                       Forward(NOTES[2], torch.linspace(-3, 3, 20).reshape(5, 4), 2),
                       Forward(NOTES[2], torch.tensor([1.0, -2.0, 0.5, 3.0]), 3),  # one unbatched sample
                       Forward(EDGES[2], torch.ones(2, 3, 20), 4),
                   ], max_examples=OUTPUT_EXAMPLES)
def outputs_match(ctx: Context, run: Forward) -> None:
    call = run.call
    reference = ctx.reference.probe("outputs", function=call.function, args=list(call.args), x=run.x,
                                    seed=run.seed)
    # Decoded tensors (TensorValue) cannot be sent into a probe again: pass their data.
    state = {key: value.data for key, value in reference["state"].items()}
    value = _student_output(ctx, run, state)
    found = compare.difference(value, reference.returned)
    if found:
        compare.fail("with the reference model's weights loaded into yours, the outputs differ, so a "
                     "layer's type, size, order or settings is not the course notes' one",
                     f"expected: {compare.show(reference.returned)}",
                     f"yours: {compare.show(value)}",
                     found)


# --- invariants ----------------------------------------------------------------

_binary_calls = calls("binary_classifier", _sizes)
_multiclass_calls = calls("multiclass_classifier", _sizes, st.integers(1, 8))


@exercise.property("binary_classifier's outputs are probabilities in [0, 1]", "invariant",
                   forwards(_binary_calls, seeded=False), [
                       Forward(NOTES[0], torch.full((2, 3), 10.0)),
                       Forward(NOTES[0], torch.full((2, 3), -10.0)),
                       Forward(Call("binary_classifier", (5,)), torch.linspace(-10, 10, 15).reshape(3, 5)),
                   ], max_examples=FEW)
def binary_outputs_are_probabilities(ctx: Context, run: Forward) -> None:
    value = _student_output(ctx, run)
    if not isinstance(value, TensorValue) or not value.data.is_floating_point():
        return  # not a float tensor: the differential check says what differs
    outside = (value.data < 0) | (value.data > 1)
    if bool(outside.any()):
        compare.fail("binary_classifier must output a probability for each sample, a number in [0, 1], "
                     f"but yours gave {compare.show(value)}: end the model with nn.Sigmoid()")


@exercise.property("multiclass_classifier's outputs sum to 1 over the classes", "invariant",
                   forwards(_multiclass_calls, seeded=False), [
                       Forward(NOTES[2], torch.linspace(-3, 3, 20).reshape(5, 4)),
                       Forward(NOTES[2], torch.tensor([1.0, -2.0, 0.5, 3.0])),  # one unbatched sample
                       Forward(NOTES[2], torch.linspace(-2, 2, 24).reshape(2, 3, 4)),
                   ], max_examples=FEW)
def multiclass_rows_sum_to_one(ctx: Context, run: Forward) -> None:
    value = _student_output(ctx, run)
    if not isinstance(value, TensorValue) or not value.data.is_floating_point() or value.data.dim() == 0:
        return  # not a float tensor with classes: the differential check says what differs
    sums = value.data.sum(dim=-1)
    if bool((value.data < 0).any()) or not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
        compare.fail("each sample's class probabilities (the last dimension) must be non-negative and "
                     "sum to 1: end the model with nn.Softmax(dim=-1)",
                     f"you returned: {compare.show(value)}",
                     f"sums over the last dimension: {compare.show(sums)}")


# --- errors ----------------------------------------------------------------------

_too_small = st.integers(-3, 0)
properties.raises(exercise, "raises ValueError for a size below 1", st.one_of(
    calls("binary_classifier", _too_small),
    calls("four_layer_regressor", _too_small),
    calls("multiclass_classifier", _too_small, _sizes),
    calls("multiclass_classifier", _sizes, _too_small),
), [
    Call("binary_classifier", (0,)),
    Call("four_layer_regressor", (0,)),
    Call("multiclass_classifier", (0, 3)),
    Call("multiclass_classifier", (4, 0)),
    Call("binary_classifier", (-2,)),
])
exercise.checks[-1] = dataclasses.replace(exercise.checks[-1], max_examples=FEW)


# --- structure ---------------------------------------------------------------------


def _structure(ctx: Context, side: str, call: Call) -> dict:
    """What ``call`` returned on one side; the student's code raising fails the check."""
    outcome = getattr(ctx, side).probe("structure", function=call.function, args=list(call.args))
    return compare.returned(call, outcome).observed


@exercise.property("returns an nn.Sequential", "structure", model_calls, NOTES, max_examples=FEW)
def returns_sequential(ctx: Context, call: Call) -> None:
    student = _structure(ctx, "student", call)
    if student["sequential"]:
        return
    if student["type"] in ("list", "tuple"):
        advice = "wrap the layers: return nn.Sequential(*layers)"
    elif student["module"]:
        advice = ("it is an nn.Module, but not the one the course notes build: put the layers "
                  "straight into nn.Sequential(...) instead of a class or container of your own")
    else:
        advice = "build and return nn.Sequential(...)"
    compare.fail(f"{call} must return an nn.Sequential, but it returned an object of type {student['type']}: "
                 f"{advice}")


@exercise.property("layers are exactly the course notes' ones, in order", "structure", model_calls,
                   NOTES + EDGES, max_examples=FEW)
def layers_in_order(ctx: Context, call: Call) -> None:
    mine, expected = _structure(ctx, "student", call)["layers"], _structure(ctx, "reference", call)["layers"]
    if mine == expected:
        return
    where = next((i for i, (a, b) in enumerate(zip(mine, expected)) if a != b), None)
    if where is not None:
        detail = (f"first difference at layer {where}: expected {_layer_text(expected[where])}, "
                  f"yours is {_layer_text(mine[where])}")
    elif len(mine) > len(expected):
        detail = f"yours has {len(mine) - len(expected)} layer(s) too many: {_stack_text(mine[len(expected):])}"
    else:
        detail = f"yours lacks the last {len(expected) - len(mine)} layer(s): {_stack_text(expected[len(mine):])}"
    compare.fail(f"{call} must have exactly these layers, in this order",
                 f"expected: {_stack_text(expected)}",
                 f"yours:    {_stack_text(mine)}",
                 detail)


# --- state -------------------------------------------------------------------------


@exercise.probe
def built_twice(module, device: str, function: str, args: list) -> dict:
    """Call the function twice with the same sizes; report what the second model shares with the first."""
    first, second = (getattr(module, function)(*args) for _ in range(2))
    if not isinstance(first, nn.Module) or not isinstance(second, nn.Module):
        return {"same": False, "shared": []}
    owned = {id(p) for p in first.parameters()}
    return {"same": first is second,
            "shared": [name for name, p in second.named_parameters() if id(p) in owned]}


@exercise.property("each call builds a new model: two models share no weights", "hygiene", model_calls,
                   NOTES + EDGES, max_examples=FEW)
def builds_new_model(ctx: Context, call: Call) -> None:
    twice = compare.returned(call, ctx.student.probe("built_twice", function=call.function, args=list(call.args)))
    if twice["same"] or twice["shared"]:
        shared = "the very same model" if twice["same"] else f"the same {', '.join(twice['shared'])}"
        compare.fail(f"calling {call} twice gave {shared}: training one model would change the other. "
                     "Create every layer inside the function, each time it is called (no layer made once at "
                     "the top of the file, no model kept from an earlier call)")
