"""Checks for exercise-12 · your own nn.Module.

A class cannot cross into the worker, so a check describes an instance as
data: the class's name, the constructor's arguments, and (for values) the
``state_dict`` to load and the input to run. The ``model_run`` probe builds
the student's class in the worker, compares its ``state_dict`` keys and
shapes with the given state before loading it (so a renamed or resized layer
is reported in words, not as load_state_dict's error) and runs the input;
the reference runs through the same probe with the same weights, so any
difference is the forward's. ``model_layout`` describes the named attributes
for the structure checks.

``set_parameters`` needs a live ``nn.Linear``: the ``set_run`` probe builds
one, calls the judged function, and reports what only the worker can see --
whether each attribute is an ``nn.Parameter`` registered on the layer,
whether it shares memory with the caller's tensor (by storage and by
changing the caller's tensor afterwards), and the layer's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare
from grader import strategies as S
from grader.exercise import Context, Exercise
from grader.probes import materialize
from grader.wire import Opaque, TensorValue

exercise = Exercise(
    title="Your own nn.Module",
    functions=["BinaryModel", "SingleNeuron", "set_parameters"],
    hints=[
        "A model is a class: `class BinaryModel(nn.Module):`, whose __init__ first calls "
        "super().__init__() and then stores the layers as attributes (self.linear1 = nn.Linear(...)), "
        "and whose forward(self, x) passes x through them and returns the result.",
        "The attribute names are part of the task: they become the state_dict keys (linear1.weight, "
        "linear1.bias, ...), and saved weights only load into a model with the same names. Keep the "
        "default arguments of the task (in_features=3, hidden_features=2; activation=\"sigmoid\").",
        "The notes' bug: forward computes z = self.linear(x), then a = self.activation(z), and "
        "returns z. Return the activation's output; a sigmoid's output always lies in [0, 1], a "
        "ReLU's is never negative. Any activation string other than \"sigmoid\" or \"relu\" must "
        "raise ValueError instead of quietly picking one.",
        "set_parameters: a layer's weight must stay an nn.Parameter (assigning a plain tensor to "
        "layer.weight raises TypeError), keep requires_grad=True, and must not share memory with the "
        "caller's tensor: nn.Parameter(weight) and layer.weight.data = weight both reuse the caller's "
        "storage. Copy, e.g. `with torch.no_grad(): layer.weight.copy_(weight)`, after checking that "
        "weight.shape == layer.weight.shape (raise ValueError if not; copy_ would broadcast a (1,) "
        "bias silently). Return nothing.",
    ],
)

ACTIVATION_RANGE = {"sigmoid": (0.0, 1.0), "relu": (0.0, None)}


def _text(value: Any) -> str:
    return repr(value) if isinstance(value, str) else compare.show(value)


def _constructor(cls: str, args: tuple, kwargs: dict) -> str:
    parts = [_text(a) for a in args] + [f"{k}={_text(v)}" for k, v in kwargs.items()]
    return f"{cls}({', '.join(parts)})"


def _build(module: ModuleType, cls: str, args: tuple, kwargs: dict) -> Any:
    """The judged class, instantiated with the given arguments."""
    built = getattr(module, cls, None)
    if built is None:
        raise AttributeError(f"your file does not define `{cls}`")
    return built(*args, **kwargs)


def _is_module(model: Any) -> bool:
    return isinstance(model, nn.Module)


def _not_a_module(cls: str) -> str:
    return (f"{cls} must be an nn.Module: declare it as `class {cls}(nn.Module):` and call "
            "super().__init__() first in __init__")


# --- the classes: cases and probes ------------------------------------------------------------


@dataclass(frozen=True)
class ModelCase:
    """``cls(*args, **kwargs)``, loaded with ``state`` (keys as the task names them), run on ``x``."""

    cls: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    state: dict | None = None
    x: torch.Tensor | None = None

    @property
    def function(self) -> str:  # compare.reraise_student names it when the stub still raises
        return self.cls

    def __str__(self) -> str:
        lines = [f"model = {_constructor(self.cls, self.args, self.kwargs)}"]
        if self.state is not None:
            lines.append(f"model.load_state_dict({compare.show(self.state)})")
        if self.x is not None:
            lines.append(f"model({compare.show(self.x)})")
        return "\n".join(lines)

    def data(self) -> dict:
        return {"cls": self.cls, "args": self.args, "kwargs": self.kwargs, "state": self.state, "x": self.x}


@exercise.probe
def model_run(module: ModuleType, device: str, cls: str, args: tuple, kwargs: dict,
              state: dict | None, x: TensorValue | None) -> dict:
    """Build the class, load ``state`` if its keys and shapes fit, and run ``x`` through it."""
    model = _build(module, cls, args, kwargs)
    if not _is_module(model):
        return {"is_module": False}
    model = model.to(device)
    own = {key: list(value.shape) for key, value in model.state_dict().items()}
    observed: dict[str, Any] = {"is_module": True, "shapes": own, "loaded": False}
    if state is not None:
        if own != {key: list(value.shape) for key, value in state.items()}:
            return observed
        model.load_state_dict(materialize(state, device))
    observed["loaded"] = True
    if x is not None:
        observed["returned"] = model(materialize(x, device))
    return observed


def _describe(layer: Any, owner: nn.Module, name: str) -> dict:
    """One attribute of a model as data: its type and, for a Linear, its sizes."""
    if layer is None:
        return {"present": False}
    entry: dict[str, Any] = {"present": True, "type": type(layer).__name__,
                             "is_module": isinstance(layer, nn.Module),
                             "registered": owner._modules.get(name) is layer}
    if isinstance(layer, nn.Linear):
        entry.update(in_features=layer.in_features, out_features=layer.out_features, bias=layer.bias is not None)
    return entry


@exercise.probe
def model_layout(module: ModuleType, device: str, cls: str, args: tuple, kwargs: dict,
                 attributes: list) -> dict:
    """The named attributes of an instance and its state_dict keys with their shapes."""
    model = _build(module, cls, args, kwargs)
    if not _is_module(model):
        return {"is_module": False}
    return {
        "is_module": True,
        "attributes": {name: _describe(getattr(model, name, None), model, name) for name in attributes},
        "shapes": {key: list(value.shape) for key, value in model.state_dict().items()},
    }


def _linear_text(entry: dict) -> str:
    if not entry.get("present"):
        return "missing"
    if entry["type"] == "Linear":
        return f"nn.Linear({entry['in_features']}, {entry['out_features']}{'' if entry['bias'] else ', bias=False'})"
    return f"nn.{entry['type']}()" if entry["is_module"] else f"a {entry['type']}, not a layer"


def _student_run(ctx: Context, case: ModelCase) -> dict:
    """The student's observations for a model case, failing in words on a structure mismatch."""
    observed = compare.returned(case, ctx.student.probe("model_run", **case.data())).observed
    if not observed["is_module"]:
        compare.fail(_not_a_module(case.cls))
    if not observed["loaded"]:
        expected = {key: list(value.shape) for key, value in case.state.items()}
        layers = "self.linear1 and self.linear2" if case.cls == "BinaryModel" else "self.linear"
        compare.fail("the weights of the task's model do not fit yours, so they cannot be loaded:",
                     f"expected state_dict keys and shapes: {expected}",
                     f"yours: {observed['shapes']}",
                     f"name and size the layers exactly as the task says ({layers}): the attribute names "
                     "become the state_dict keys")
    return observed


def _expect_model_match(ctx: Context, case: ModelCase) -> None:
    reference = ctx.reference.probe("model_run", **case.data())
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = _student_run(ctx, case)
    found = compare.difference(student["returned"], reference.returned)
    if found:
        compare.fail(f"expected: {compare.show(reference.returned)}",
                     f"you returned: {compare.show(student['returned'])}", found)


# --- the classes: strategies -------------------------------------------------------------------

WEIGHTS = 2.0  # weight magnitude: sigmoids stay away from saturation, ReLUs see both signs
INPUTS = 10.0


def _state(draw: st.DrawFn, layers: list[tuple[str, int, int]]) -> dict:
    """A float32 state_dict with the task's keys: (name, in, out) per Linear."""
    state = {}
    for name, n_in, n_out in layers:
        state[f"{name}.weight"] = draw(S.float_tensors((n_out, n_in), torch.float32, WEIGHTS))
        state[f"{name}.bias"] = draw(S.float_tensors((n_out,), torch.float32, WEIGHTS))
    return state


def _inputs(draw: st.DrawFn, n_in: int) -> torch.Tensor:
    return draw(S.float_tensors((draw(st.integers(1, 4)), n_in), torch.float32, INPUTS))


def _arguments(draw: st.DrawFn, names: tuple[str, ...], values: tuple, defaults: tuple) -> tuple[tuple, dict]:
    """Pass each argument positionally, by keyword, or (when it equals its default) not at all."""
    args: list = []
    kwargs: dict = {}
    for name, value, default in zip(names, values, defaults):
        how = draw(st.sampled_from(["positional", "keyword", "omitted"]))
        if how == "omitted" and value == default:
            continue
        if how == "positional" and not kwargs and len(args) == names.index(name):
            args.append(value)
        else:
            kwargs[name] = value
    return tuple(args), kwargs


@st.composite
def binary_cases(draw: st.DrawFn) -> ModelCase:
    n_in, hidden = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    args, kwargs = _arguments(draw, ("in_features", "hidden_features"), (n_in, hidden), (3, 2))
    state = _state(draw, [("linear1", n_in, hidden), ("linear2", hidden, 1)])
    return ModelCase("BinaryModel", args, kwargs, state, _inputs(draw, n_in))


@st.composite
def neuron_cases(draw: st.DrawFn, activations: tuple[str, ...] = ("sigmoid", "relu")) -> ModelCase:
    n_in, activation = draw(st.integers(1, 5)), draw(st.sampled_from(activations))
    args, kwargs = _arguments(draw, ("num_inputs", "activation"), (n_in, activation), (None, "sigmoid"))
    state = _state(draw, [("linear", n_in, 1)])
    return ModelCase("SingleNeuron", args, kwargs, state, _inputs(draw, n_in))


def _t(rows: list) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32)


def _binary_state(w1: list, b1: list, w2: list, b2: list) -> dict:
    return {"linear1.weight": _t(w1), "linear1.bias": _t(b1), "linear2.weight": _t(w2), "linear2.bias": _t(b2)}


def _neuron_state(w: list, b: float) -> dict:
    return {"linear.weight": _t([w]), "linear.bias": _t([b])}


# The notes' default model: a hidden unit that is negative for the first sample, and a final
# pre-activation outside [0, 1], so a missing sigmoid or an extra ReLU changes the result.
NOTES_BINARY = ModelCase("BinaryModel", (), {},
                         _binary_state([[1.0, -2.0, 0.5], [-1.0, 0.5, 2.0]], [0.1, -0.2], [[1.5, -2.0]], [0.3]),
                         _t([[1.0, 2.0, 3.0], [-1.0, 0.0, 2.0], [0.5, -0.5, 0.0]]))
WIDE_BINARY = ModelCase("BinaryModel", (4,), {"hidden_features": 3},
                        _binary_state([[0.5, -1.0, 0.0, 1.0], [1.0, 1.0, -1.0, 0.0], [-0.5, 0.0, 2.0, 1.0]],
                                      [0.0, -1.0, 0.5], [[2.0, -1.0, 1.0]], [-0.5]),
                        _t([[1.0, -2.0, 3.0, 0.5]]))  # one sample; hidden and input widths differ
NOTES_RELU = ModelCase("SingleNeuron", (2,), {"activation": "relu"}, _neuron_state([1.0, -1.0], 0.5),
                       _t([[1.0, 3.0], [3.0, 1.0]]))  # relu([-1.5, 2.5]) = [0, 2.5]
NOTES_SIGMOID = ModelCase("SingleNeuron", (3,), {}, _neuron_state([2.0, -1.0, 0.5], -0.5),
                          _t([[1.0, 1.0, 1.0], [-2.0, 1.0, 0.0], [3.0, 0.0, 4.0]]))  # z from -5.5 to 7.5
# Pre-activations past float32's exp range (exp overflows to inf above about 88.7): z = 181, -179, 91, 2
# here, so a sigmoid written by hand as exp(z) / (1 + exp(z)) gives nan where nn.Sigmoid gives 1.
LARGE_SIGMOID = ModelCase("SingleNeuron", (2,), {}, _neuron_state([3.0, -2.0], 1.0),
                          _t([[40.0, -30.0], [-40.0, 30.0], [20.0, -15.0], [0.5, 0.25]]))
LARGE_BINARY = ModelCase("BinaryModel", (2, 2), {},
                         _binary_state([[2.0, -1.0], [-1.5, 2.0]], [0.0, 0.5], [[2.0, -2.0]], [1.0]),
                         _t([[30.0, -20.0], [-30.0, 20.0], [1.0, 1.0]]))  # linear2 gives 330, -330, 1
KEYWORD_SIGMOID = ModelCase("SingleNeuron", (), {"num_inputs": 1, "activation": "sigmoid"},
                            _neuron_state([-3.0], 1.0), _t([[2.0], [-1.0]]))


@exercise.property("BinaryModel matches the task's model with the same weights", "differential",
                   binary_cases(), [NOTES_BINARY, WIDE_BINARY, LARGE_BINARY], max_examples=10)
def binary_matches(ctx: Context, case: ModelCase) -> None:
    _expect_model_match(ctx, case)


@exercise.property("SingleNeuron matches the task's neuron with the same weights", "differential",
                   neuron_cases(), [NOTES_RELU, NOTES_SIGMOID, KEYWORD_SIGMOID, LARGE_SIGMOID], max_examples=10)
def neuron_matches(ctx: Context, case: ModelCase) -> None:
    _expect_model_match(ctx, case)


# --- set_parameters: case, probe, strategies ------------------------------------------------------


@dataclass(frozen=True)
class SetCase:
    """``set_parameters(nn.Linear(in, out), weight, bias)`` then ``layer(x)``.

    ``as_parameters``: the caller's weight and bias are nn.Parameters (taken
    from another layer), so they require grad themselves.
    """

    n_in: int
    n_out: int
    weight: torch.Tensor
    bias: torch.Tensor
    x: torch.Tensor | None = None  # None: the layer is not run (the call must raise)
    as_parameters: bool = False
    function = "set_parameters"

    def __str__(self) -> str:
        dtype = ", dtype=torch.float64" if self.weight.dtype == torch.float64 else ""
        wrap = (lambda t: f"nn.Parameter({compare.show(t)})") if self.as_parameters else compare.show
        lines = [f"layer = nn.Linear({self.n_in}, {self.n_out}{dtype})",
                 f"weight = {wrap(self.weight)}", f"bias = {wrap(self.bias)}", "set_parameters(layer, weight, bias)"]
        return "\n".join(lines + ([f"layer({compare.show(self.x)})"] if self.x is not None else []))

    def data(self) -> dict:
        return {"n_in": self.n_in, "n_out": self.n_out, "weight": self.weight, "bias": self.bias, "x": self.x,
                "as_parameters": self.as_parameters}


def _shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def _parameter_report(layer: nn.Linear, name: str, given: torch.Tensor) -> dict:
    """What ``layer.<name>`` is after the call, as data."""
    value = getattr(layer, name, None)
    if not isinstance(value, torch.Tensor):
        return {"tensor": False, "type": type(value).__name__}
    return {
        "tensor": True,
        "value": value.detach().clone(),
        "is_parameter": isinstance(value, nn.Parameter),
        "registered": layer._parameters.get(name) is value,
        "requires_grad": bool(value.requires_grad),
        "leaf": bool(value.is_leaf),
        "shares_memory": _shares_memory(value, given),
    }


@exercise.probe
def set_run(module: ModuleType, device: str, n_in: int, n_out: int, weight: TensorValue, bias: TensorValue,
            x: TensorValue | None, as_parameters: bool) -> dict:
    """Call set_parameters on a fresh Linear of the weight's dtype; report its parameters, its
    output on ``x``, and whether changing the caller's tensors afterwards changes the layer."""
    given = [materialize(weight, device), materialize(bias, device)]
    layer = nn.Linear(n_in, n_out, device=device, dtype=given[0].dtype)
    if as_parameters:
        given = [nn.Parameter(t) for t in given]
    returned = module.set_parameters(layer, *given)
    observed: dict[str, Any] = {"returned": returned}
    for name, tensor in zip(("weight", "bias"), given):
        observed[name] = _parameter_report(layer, name, tensor)
    if x is None:
        return observed
    observed["output"] = layer(materialize(x, device))
    if all(observed[name]["tensor"] for name in ("weight", "bias")):
        before = [layer.weight.detach().clone(), layer.bias.detach().clone()]
        with torch.no_grad():
            for tensor in given:
                tensor.add_(1.0)
        after = [layer.weight.detach(), layer.bias.detach()]
        observed["follows_caller"] = [not torch.equal(b, a) for b, a in zip(before, after)]
    return observed


@st.composite
def set_cases(draw: st.DrawFn) -> SetCase:
    n_in, n_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    dtype = draw(S.float_dtypes)
    weight = draw(S.float_tensors((n_out, n_in), dtype, WEIGHTS * 5))
    bias = draw(S.float_tensors((n_out,), dtype, WEIGHTS * 5))
    x = draw(S.float_tensors((draw(st.integers(1, 3)), n_in), dtype, INPUTS))
    return SetCase(n_in, n_out, weight, bias, x, draw(st.booleans()))


def _wrong_shape(n_in: int, n_out: int) -> st.SearchStrategy[tuple[tuple, tuple]]:
    """(weight shape, bias shape) with exactly one of them wrong."""
    weight, bias = (n_out, n_in), (n_out,)
    wrong_weights = [(n_in, n_out), (n_out + 1, n_in), (n_out, n_in + 1), (1, n_in), (n_in,), (n_out, n_in, 1)]
    wrong_biases = [(n_out + 1,), (1,), (n_out, 1), (1, n_out), ()]
    return st.one_of(st.sampled_from([(w, bias) for w in wrong_weights if w != weight]),
                     st.sampled_from([(weight, b) for b in wrong_biases if b != bias]))


@st.composite
def wrong_shape_cases(draw: st.DrawFn) -> SetCase:
    n_in, n_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    weight_shape, bias_shape = draw(_wrong_shape(n_in, n_out))
    weight = draw(S.float_tensors(weight_shape, torch.float32, WEIGHTS))
    bias = draw(S.float_tensors(bias_shape, torch.float32, WEIGHTS))
    return SetCase(n_in, n_out, weight, bias, None, draw(st.booleans()))


NOTES_SET = SetCase(2, 1, _t([[1.0, -1.0]]), _t([0.5]), _t([[1.0, 3.0], [3.0, 1.0]]))
SET_TRAPS = [
    NOTES_SET,
    SetCase(3, 2, _t([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]]), _t([0.5, -0.5]), _t([[1.0, 1.0, 1.0]])),  # non-square
    SetCase(2, 2, _t([[0.0, 1.0], [2.0, 0.0]]), _t([1.0, 2.0]), _t([[1.0, 2.0], [3.0, 4.0]]), True),
    SetCase(1, 3, torch.tensor([[1.5], [-2.0], [0.25]], dtype=torch.float64),
            torch.tensor([0.0, 1.0, -1.0], dtype=torch.float64), torch.tensor([[2.0]], dtype=torch.float64)),
]
WRONG_SHAPE_TRAPS = [
    SetCase(3, 2, _t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), _t([0.0, 0.0])),  # transposed
    SetCase(3, 2, _t([[1.0, 2.0, 3.0]]), _t([0.0, 0.0])),  # (1, 3) would broadcast
    SetCase(2, 3, _t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), _t([1.0])),  # (1,) would broadcast
    SetCase(2, 2, _t([[1.0, 2.0], [3.0, 4.0]]), _t([1.0, 2.0, 3.0])),
]


def _set_outcome(ctx: Context, case: SetCase) -> dict:
    """The student's observations; torch refusing a plain tensor as a parameter is explained by
    :mod:`grader.advice`."""
    return compare.returned(case, ctx.student.probe("set_run", **case.data())).observed


def _both_tensors(observed: dict) -> bool:
    for name in ("weight", "bias"):
        if not observed[name]["tensor"]:
            compare.fail(f"after set_parameters, layer.{name} is a {observed[name]['type']}, not a tensor")
    return True


@exercise.property("set_parameters gives the layer the new weight and bias", "differential",
                   set_cases(), SET_TRAPS, max_examples=10)
def set_matches(ctx: Context, case: SetCase) -> None:
    reference = ctx.reference.probe("set_run", **case.data())
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = _set_outcome(ctx, case)
    _both_tensors(student)
    for name, given in (("weight", case.weight), ("bias", case.bias)):
        found = compare.difference(student[name]["value"], reference[name]["value"], f"layer.{name}")
        if found:
            compare.fail(f"after set_parameters, layer.{name} must equal the given {name} {compare.show(given)}",
                         f"yours is: {compare.show(student[name]['value'])}", found)
    found = compare.difference(student["output"], reference["output"], "layer(x)")
    if found:
        compare.fail(f"layer(x) must use the new values: expected {compare.show(reference['output'])}",
                     f"yours gave: {compare.show(student['output'])}", found)


# --- invariants ----------------------------------------------------------------------------------


def _activation_of(case: ModelCase) -> str:
    if case.cls == "BinaryModel":
        return "sigmoid"
    return case.args[1] if len(case.args) > 1 else case.kwargs.get("activation", "sigmoid")


@exercise.property("forward returns the activation's output, not the pre-activation", "invariant",
                   st.one_of(binary_cases(), neuron_cases()), [NOTES_BINARY, NOTES_RELU, NOTES_SIGMOID],
                   max_examples=10)
def returns_activation(ctx: Context, case: ModelCase) -> None:
    observed = compare.returned(case, ctx.student.probe("model_run", **case.data())).observed
    if not observed["is_module"] or not observed["loaded"]:
        return  # a model the task's weights do not fit is judged by the differential and structure checks
    out = observed.get("returned")
    if not isinstance(out, TensorValue) or not out.dtype.is_floating_point or out.data.numel() == 0:
        return  # the kind of result is judged by the differential checks
    activation = _activation_of(case)
    low, high = ACTIVATION_RANGE[activation]
    values = out.data
    outside = (values < low) | (values > high) if high is not None else values < low
    if bool(outside.any()):
        last = "self.sigmoid(...)" if case.cls == "BinaryModel" else "self.activation(z)"
        where = "between 0 and 1" if high is not None else "never negative"
        compare.fail(f"a {activation}'s output is {where}, but yours includes {values[outside][0].item()!r}",
                     f"you returned: {compare.show(out)}",
                     f"forward must return the activation's output {last}, not the linear layer's output z")


# --- errors --------------------------------------------------------------------------------------

UNKNOWN_ACTIVATIONS = ("tanh", "softmax", "linear", "", "leaky_relu", "gelu", "none")
# Near misses of the two documented spellings: only "sigmoid" and "relu" themselves are accepted.
NEAR_MISSES = ("Sigmoid", "SIGMOID", "ReLU", "RELU", "Relu", " relu", "sigmoid ", "relu\n")


@st.composite
def unknown_activation_cases(draw: st.DrawFn) -> ModelCase:
    n_in, activation = draw(st.integers(1, 5)), draw(st.sampled_from(UNKNOWN_ACTIVATIONS + NEAR_MISSES))
    if draw(st.booleans()):
        return ModelCase("SingleNeuron", (n_in, activation))
    return ModelCase("SingleNeuron", (n_in,), {"activation": activation})


@exercise.property("SingleNeuron raises ValueError for an unknown activation", "errors",
                   unknown_activation_cases(),
                   [ModelCase("SingleNeuron", (2,), {"activation": "tanh"}), ModelCase("SingleNeuron", (3, "")),
                    ModelCase("SingleNeuron", (2,), {"activation": "ReLU"}), ModelCase("SingleNeuron", (1, "Sigmoid")),
                    ModelCase("SingleNeuron", (3,), {"activation": " relu"}), ModelCase("SingleNeuron", (2, "sigmoid "))],
                   max_examples=5)
def unknown_activation(ctx: Context, case: ModelCase) -> None:
    outcome = ctx.student.probe("model_run", **case.data())
    if outcome.raised is None:
        compare.fail(f"{_constructor(case.cls, case.args, case.kwargs)} built a neuron without complaint; "
                     "expected ValueError: only \"sigmoid\" and \"relu\" are activations this class knows",
                     "raise ValueError(...) for any other string instead of picking an activation yourself"
                     + ("; compare the string as it is given: no .lower() or .strip(), other spellings are errors"
                        if _activation_of(case).strip().lower() in ("sigmoid", "relu") else ""))
    compare.expect_raises(case, outcome)


@exercise.property("set_parameters raises ValueError when a shape differs", "errors",
                   wrong_shape_cases(), WRONG_SHAPE_TRAPS, max_examples=8)
def wrong_shape(ctx: Context, case: SetCase) -> None:
    outcome = ctx.student.probe("set_run", **case.data())
    if outcome.raised is None:
        compare.fail(f"expected ValueError: the layer's weight has shape ({case.n_out}, {case.n_in}) and its bias "
                     f"({case.n_out},), but you were given weight {tuple(case.weight.shape)} and bias "
                     f"{tuple(case.bias.shape)}; your function accepted them",
                     "compare weight.shape with layer.weight.shape (and the bias) before changing the layer")
    compare.expect_raises(case, outcome)


# --- structure -----------------------------------------------------------------------------------

BINARY_ATTRIBUTES = ["linear1", "linear2", "sigmoid"]
NEURON_ATTRIBUTES = ["linear", "activation"]


def _layout(ctx: Context, case: ModelCase, attributes: list[str]) -> tuple[dict, dict]:
    """(student's, reference's) layout of an instance, failing if the student's is no nn.Module."""
    data = {"cls": case.cls, "args": case.args, "kwargs": case.kwargs, "attributes": attributes}
    reference = ctx.reference.probe("model_layout", **data)
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = compare.returned(case, ctx.student.probe("model_layout", **data)).observed
    if not student["is_module"]:
        compare.fail(_not_a_module(case.cls))
    return student, reference.observed


def _expect_layout(ctx: Context, case: ModelCase, attributes: list[str], advice: str) -> None:
    student, reference = _layout(ctx, case, attributes)
    built = _constructor(case.cls, case.args, case.kwargs)
    for name in attributes:
        got, expected = student["attributes"][name], reference["attributes"][name]
        if not got["present"]:
            compare.fail(f"{built} has no attribute self.{name}: expected self.{name} = {_linear_text(expected)}",
                         advice)
        if not got["is_module"] or got["type"] != expected["type"]:
            compare.fail(f"{built}.{name} must be {_linear_text(expected)}, yours is {_linear_text(got)}", advice)
        if not got["registered"]:
            compare.fail(f"{built}.{name} is not registered as a submodule: assign it in __init__ with "
                         f"self.{name} = ..., after super().__init__()")
        if got != expected:
            compare.fail(f"{built}.{name} must be {_linear_text(expected)}, yours is {_linear_text(got)}")
    if sorted(student["shapes"]) != sorted(reference["shapes"]):
        compare.fail(f"the state_dict keys of {built} differ: expected {list(reference['shapes'])}, "
                     f"yours are {list(student['shapes'])}", advice)


@exercise.property("BinaryModel has linear1, linear2 and sigmoid", "structure",
                   st.builds(lambda n_in, hidden: ModelCase("BinaryModel", (n_in, hidden)),
                             st.integers(1, 6), st.integers(1, 6)),
                   [ModelCase("BinaryModel", (4, 3)),
                    ModelCase("BinaryModel", (), {"in_features": 5, "hidden_features": 1})],
                   max_examples=5)
def binary_structure(ctx: Context, case: ModelCase) -> None:
    _expect_layout(ctx, case, BINARY_ATTRIBUTES,
                   "create self.linear1 = nn.Linear(in_features, hidden_features), "
                   "self.linear2 = nn.Linear(hidden_features, 1) and self.sigmoid = nn.Sigmoid() in __init__")


@exercise.property("SingleNeuron has linear and an activation layer", "structure",
                   st.builds(lambda n_in, activation: ModelCase("SingleNeuron", (n_in, activation)),
                             st.integers(1, 6), st.sampled_from(["sigmoid", "relu"])),
                   [ModelCase("SingleNeuron", (3, "relu")), ModelCase("SingleNeuron", (2, "sigmoid"))],
                   max_examples=5)
def neuron_structure(ctx: Context, case: ModelCase) -> None:
    _expect_layout(ctx, case, NEURON_ATTRIBUTES,
                   "create self.linear = nn.Linear(num_inputs, 1) and self.activation = nn.Sigmoid() for "
                   "\"sigmoid\" or nn.ReLU() for \"relu\" in __init__; forward then calls self.activation")


DEFAULTS = [(ModelCase("BinaryModel"), BINARY_ATTRIBUTES), (ModelCase("SingleNeuron", (4,)), NEURON_ATTRIBUTES)]


@exercise.check("uses the task's default arguments", "structure")
def default_arguments(ctx: Context) -> None:
    for case, attributes in DEFAULTS:
        student, reference = _layout(ctx, case, attributes)
        if student["attributes"] != reference["attributes"]:
            expected = ", ".join(f"self.{n} = {_linear_text(reference['attributes'][n])}" for n in attributes)
            got = ", ".join(f"self.{n} = {_linear_text(student['attributes'][n])}" for n in attributes)
            built = _constructor(case.cls, case.args, case.kwargs)
            compare.fail(f"{built} with its defaults must create {expected}", f"yours creates {got}",
                         "the defaults are BinaryModel(in_features=3, hidden_features=2) and "
                         "SingleNeuron(num_inputs, activation=\"sigmoid\")")


@exercise.property("set_parameters leaves registered nn.Parameters that require grad", "structure",
                   set_cases(), SET_TRAPS[:3], max_examples=8)
def registered_parameters(ctx: Context, case: SetCase) -> None:
    student = _set_outcome(ctx, case)
    _both_tensors(student)
    for name in ("weight", "bias"):
        report = student[name]
        if not report["is_parameter"]:
            compare.fail(f"after set_parameters, layer.{name} is a plain tensor, not an nn.Parameter: "
                         "model.parameters() and optimizers would no longer see it")
        if not report["registered"]:
            compare.fail(f"after set_parameters, layer.{name} is not the parameter registered on the layer "
                         f"(layer._parameters[{name!r}]): assign it as layer.{name} = nn.Parameter(...), or copy "
                         "into the existing one")
        if not report["requires_grad"] or not report["leaf"]:
            compare.fail(f"after set_parameters, layer.{name} has requires_grad=False: the layer could no longer "
                         "be trained. nn.Parameter(...) requires grad by default; leave it that way")


@exercise.check("set_parameters returns None", "structure")
def returns_none(ctx: Context) -> None:
    returned = _set_outcome(ctx, NOTES_SET)["returned"]
    if returned is not None:
        what = compare.show(returned) if isinstance(returned, Opaque) else \
            f"{compare.kind_of(returned)} ({compare.show(returned)})"
        compare.fail(f"set_parameters changes the layer it is given and returns nothing; yours returned {what}",
                     "end the function without a return statement (or with a bare return)")


# --- hygiene -------------------------------------------------------------------------------------


@exercise.property("set_parameters copies the values instead of sharing the caller's tensors", "hygiene",
                   set_cases(), SET_TRAPS, max_examples=8)
def copies_values(ctx: Context, case: SetCase) -> None:
    student = _set_outcome(ctx, case)
    _both_tensors(student)
    for i, name in enumerate(("weight", "bias")):
        if student[name]["shares_memory"] or student["follows_caller"][i]:
            compare.fail(f"layer.{name} shares memory with the {name} tensor you were given: when the caller "
                         f"changes their {name} afterwards, the layer changes too",
                         "nn.Parameter(weight) and layer.weight.data = weight both reuse the caller's memory; "
                         "copy the values: nn.Parameter(weight.detach().clone()), or layer.weight.copy_(weight) "
                         "under torch.no_grad()")
