"""Checks for exercise-13 · FashionMNIST network.

``get_device`` is judged by what it answers when torch says a GPU or the MPS
backend is there: the ``device_choice`` probe replaces
``torch.cuda.is_available`` and ``torch.backends.mps.is_available`` (and
``is_built``, which is true wherever MPS is available) for one call and puts
the originals back, whatever the judged code does.

``NeuralNetwork`` is judged with the notes' weights: ``notes_state(seed)`` is
the state_dict of the notes' network initialised after
``torch.manual_seed(seed)``, computed on each side from the same layer spec
(so 2.7 MB of weights never cross the pipe). The ``network_run`` probe
builds the student's class, checks that those weights fit its state_dict
(keys and shapes) and runs the images; ``network_layout`` describes its
layers for the structure check.

``predict`` is judged on a small grader-built model (not the student's
network, so a mistake there cannot show up here) on the grading device,
with the images on the CPU or on that device: ``predict_run`` records, with
a forward hook on every layer, whether any layer call recorded gradient
history, and compares the model's parameters before and after the call
(objects, values, requires_grad, device, dtype; not its train/eval mode,
which the notes' own inference code sets with ``model.eval()``).

Where the model lives is judged on every machine, GPU or not:
``predict_elsewhere`` puts the grader's model on PyTorch's ``meta`` device
(shapes without values, and like a GPU it refuses CPU inputs), so a predict
that forgets to move the images, moves them to ``get_device()`` instead of
the model's device, or copies the result back with ``.cpu()`` fails there.
With ``--device cuda`` the other predict checks run the model on the GPU
too (tests/test_exercise_13_cuda.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType, SimpleNamespace
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare, models
from grader.exercise import Context, Exercise, Outcome
from grader.probes import materialize
from grader.properties import ELSEWHERE
from grader.wire import Opaque, TensorValue

exercise = Exercise(
    title="FashionMNIST network",
    functions=["get_device", "NeuralNetwork", "predict"],
    hints=[
        "get_device: ask torch when it is called, in that order: `if torch.cuda.is_available(): return "
        "\"cuda\"`, then torch.backends.mps.is_available() for \"mps\", else \"cpu\". Return the name "
        "as a str, not torch.device(...), and do not work it out once at import time.",
        "NeuralNetwork: call super().__init__(), then create exactly self.flatten = nn.Flatten() and "
        "self.linear_relu_stack = nn.Sequential(nn.Linear(28*28, 512), nn.ReLU(), nn.Linear(512, 512), "
        "nn.ReLU(), nn.Linear(512, 10)); these names become the state_dict keys "
        "(linear_relu_stack.0.weight, ...), so saved weights load only into this layout. forward returns "
        "self.linear_relu_stack(self.flatten(x)).",
        "forward returns logits: no softmax, neither as a layer nor in forward. nn.CrossEntropyLoss "
        "applies log-softmax itself, and predict needs only the largest value. nn.Flatten() keeps dim 0 "
        "and flattens the rest, so (N, 28, 28) and (N, 1, 28, 28) both become (N, 784); x.squeeze() "
        "would also remove the batch dimension of a single image.",
        "predict: find the model's device with next(model.parameters()).device, move the images there "
        "(not to get_device(): the caller chose where the model is), and inside `with torch.no_grad():` "
        "compute logits = model(images), then torch.softmax(logits, dim=1).argmax(dim=1): int64, shape "
        "(N,), left on the model's device (no .cpu() at the end). Do not freeze the model "
        "(requires_grad_(False)) to avoid gradients, and do not move or convert it: the caller keeps "
        "training it.",
    ],
)

IMAGE = (28, 28)
NOTES_SPEC = [("Linear", 784, 512, True), ("ReLU",), ("Linear", 512, 512, True), ("ReLU",),
              ("Linear", 512, 10, True)]
# A small classifier for predict: the same input and output shapes as the notes' network.
PREDICT_SPEC = [("Flatten", 1, -1), ("Linear", 784, 24, True), ("ReLU",), ("Linear", 24, 10, True)]


@lru_cache(maxsize=8)
def notes_state(seed: int) -> dict[str, torch.Tensor]:
    """The notes' network's state_dict after torch.manual_seed(seed), with its real keys."""
    state = models.initial_state(NOTES_SPEC, seed)
    return {f"linear_relu_stack.{key}": value for key, value in state.items()}


@lru_cache(maxsize=8)
def predict_state(seed: int) -> dict[str, torch.Tensor]:
    return models.initial_state(PREDICT_SPEC, seed)


def _shapes(state: dict) -> dict[str, list[int]]:
    return {key: list(value.shape) for key, value in state.items()}


def _network(module: ModuleType) -> Any:
    cls = getattr(module, "NeuralNetwork", None)
    if cls is None:
        raise AttributeError("your file does not define `NeuralNetwork`")
    return cls()


NOT_A_MODULE = ("NeuralNetwork must be an nn.Module: declare it as `class NeuralNetwork(nn.Module):` and call "
                "super().__init__() first in __init__")


# --- get_device ----------------------------------------------------------------------------------


@exercise.probe
def device_choice(module: ModuleType, device: str, cuda: bool, mps: bool) -> dict:
    """get_device() while torch reports the given availability; the real functions are put back after."""
    saved = (torch.cuda.is_available, torch.backends.mps.is_available, torch.backends.mps.is_built)
    torch.cuda.is_available = lambda: cuda
    torch.backends.mps.is_available = lambda: mps
    torch.backends.mps.is_built = (lambda: True) if mps else saved[2]
    try:
        returned = module.get_device()
    finally:
        torch.cuda.is_available, torch.backends.mps.is_available, torch.backends.mps.is_built = saved
    return {"returned": returned}


@dataclass(frozen=True)
class DeviceScenario:
    """What torch reports during one call of get_device()."""

    cuda: bool
    mps: bool
    function = "get_device"

    def __str__(self) -> str:
        return (f"get_device() where torch.cuda.is_available() returns {self.cuda} and "
                f"torch.backends.mps.is_available() returns {self.mps}")


SCENARIOS = [DeviceScenario(False, False), DeviceScenario(False, True), DeviceScenario(True, False),
             DeviceScenario(True, True)]


@exercise.check("get_device prefers cuda, then mps, then cpu", "differential")
def device_order(ctx: Context) -> None:
    for scenario in SCENARIOS:
        data = {"cuda": scenario.cuda, "mps": scenario.mps}
        expected = ctx.reference.probe("device_choice", **data).returned
        got = compare.returned(scenario, ctx.student.probe("device_choice", **data)).returned
        if isinstance(got, Opaque) and got.type_name == "torch.device":
            compare.fail(f"{scenario}: expected the str {expected!r}, you returned {got.text}",
                         f"return the device's name, return {expected!r}, not torch.device({expected!r})")
        if compare.difference(got, expected):
            kind = "" if type(got) is str else f" ({compare.kind_of(got)}, not a str)"
            compare.fail(f"{scenario}: expected {expected!r}, you returned {compare.show(got)}{kind}",
                         "ask torch.cuda.is_available() first, then torch.backends.mps.is_available(), each "
                         "time get_device() is called")


# --- NeuralNetwork ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkCase:
    """``NeuralNetwork()`` with the notes' weights for ``seed`` (or its own, if None), run on images."""

    images: torch.Tensor
    image_seed: int
    seed: int | None = 0
    function = "NeuralNetwork"

    def __str__(self) -> str:
        # Seeded, a network that creates the notes' layers in the notes' order gets the notes' weights.
        lines = [] if self.seed is None else [f"torch.manual_seed({self.seed})"]
        lines.append("model = NeuralNetwork()" + ("" if self.seed is None else "  # with the notes' weights"))
        shape = ", ".join(str(n) for n in self.images.shape)
        lines += [f"images = torch.rand({shape}, generator=torch.Generator().manual_seed({self.image_seed}))",
                  "model(images)"]
        return "\n".join(lines)

    def data(self) -> dict:
        return {"seed": self.seed, "images": self.images}


def _images(n: int, channel: bool, seed: int) -> torch.Tensor:
    """Pixels in [0, 1), as ToTensor gives them; ``channel`` adds the (N, 1, 28, 28) channel dimension."""
    shape = (n, 1, *IMAGE) if channel else (n, *IMAGE)
    return torch.rand(shape, generator=torch.Generator().manual_seed(seed))


def network_case(n: int, channel: bool, image_seed: int, seed: int | None = 0) -> NetworkCase:
    return NetworkCase(_images(n, channel, image_seed), image_seed, seed)


@exercise.probe
def network_run(module: ModuleType, device: str, seed: int | None, images: TensorValue) -> dict:
    """Build NeuralNetwork(), load the notes' weights for ``seed`` if they fit, and run the images."""
    model = _network(module)
    if not isinstance(model, nn.Module):
        return {"is_module": False}
    model = model.to(device)
    own = _shapes(model.state_dict())
    if seed is not None:
        state = notes_state(seed)
        if own != _shapes(state):
            return {"is_module": True, "loaded": False, "shapes": own}
        model.load_state_dict(state)
    return {"is_module": True, "loaded": True, "returned": model(materialize(images, device))}


def _student_network(ctx: Context, case: NetworkCase) -> dict:
    observed = compare.returned(case, ctx.student.probe("network_run", **case.data())).observed
    if not observed["is_module"]:
        compare.fail(NOT_A_MODULE)
    if not observed["loaded"]:
        compare.fail("the notes' weights do not fit your network, so they cannot be loaded:",
                     f"expected state_dict keys and shapes: {_shapes(notes_state(0))}",
                     f"yours: {observed['shapes']}",
                     "build exactly self.flatten and self.linear_relu_stack as the task says: the attribute "
                     "names and the layer sizes become the state_dict keys and shapes")
    return observed


@st.composite
def network_cases(draw: st.DrawFn) -> NetworkCase:
    return network_case(draw(st.integers(1, 4)), draw(st.booleans()), draw(st.integers(0, 2**16)),
                        draw(st.integers(0, 2)))


NETWORK_TRAPS = [
    network_case(3, True, 0),  # a batch as a DataLoader gives it: (N, 1, 28, 28)
    network_case(1, False, 1),  # the notes' single image without a channel: (1, 28, 28)
    network_case(1, True, 2, seed=1),  # one image with a channel: a squeeze() would drop the batch too
    network_case(0, False, 3),  # an empty batch: (0, 10) logits; x.view(len(x), -1) cannot infer its -1
]


@exercise.property("NeuralNetwork matches the notes' network with the same weights", "differential",
                   network_cases(), NETWORK_TRAPS, max_examples=4)
def network_matches(ctx: Context, case: NetworkCase) -> None:
    reference = ctx.reference.probe("network_run", **case.data())
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = _student_network(ctx, case)
    found = compare.difference(student["returned"], reference.returned)
    if found:
        compare.fail(f"expected the logits: {compare.show(reference.returned)}",
                     f"you returned: {compare.show(student['returned'])}", found)


@exercise.property("NeuralNetwork returns logits, not probabilities", "invariant",
                   st.builds(network_case, st.integers(2, 4), st.booleans(), st.integers(0, 2**16), st.none()),
                   [network_case(4, True, 3, seed=None)], max_examples=2)
def returns_logits(ctx: Context, case: NetworkCase) -> None:
    out = compare.returned(case, ctx.student.probe("network_run", **case.data())).observed.get("returned")
    if not isinstance(out, TensorValue):
        return  # the kind of result is judged by the differential check
    rows = out.data.double()
    if rows.dim() != 2 or rows.shape[1] < 2 or not rows.is_floating_point():
        return
    ones = torch.ones(rows.shape[0], dtype=torch.float64)
    if bool((rows >= 0).all()) and torch.allclose(rows.sum(1), ones, atol=1e-4):
        compare.fail("every row of your output is non-negative and sums to 1: you return probabilities",
                     f"you returned: {compare.show(out)}",
                     "forward must return the logits of the last nn.Linear: remove the softmax (layer or "
                     "function); nn.CrossEntropyLoss applies it itself, and predict applies it when needed")
    if torch.allclose(rows.logsumexp(1), torch.zeros_like(ones), atol=1e-4):
        compare.fail("every row of your output is a log-softmax (logsumexp of each row is 0): you return "
                     "log-probabilities", f"you returned: {compare.show(out)}",
                     "forward must return the logits of the last nn.Linear, without log_softmax")


@exercise.probe
def network_layout(module: ModuleType, device: str) -> dict:
    """NeuralNetwork()'s attributes, layers, state_dict shapes and parameter count, as data."""
    model = _network(module)
    if not isinstance(model, nn.Module):
        return {"is_module": False}
    stack = getattr(model, "linear_relu_stack", None)
    flatten = getattr(model, "flatten", None)
    return {
        "is_module": True,
        "flatten": models.layer_summary(nn.Sequential(flatten)) if isinstance(flatten, nn.Module) else None,
        "stack": models.layer_summary(stack) if isinstance(stack, nn.Sequential) else None,
        "stack_type": type(stack).__name__,
        "shapes": _shapes(model.state_dict()),
        "parameters": sum(p.numel() for p in model.parameters()),
    }


def _layers_text(summary: list[dict]) -> str:
    parts = []
    for entry in summary:
        if entry["type"] == "Linear":
            parts.append(f"nn.Linear({entry['in_features']}, {entry['out_features']}"
                         f"{'' if entry['bias'] else ', bias=False'})")
        elif entry["type"] == "Softmax":
            parts.append(f"nn.Softmax(dim={entry['dim']})")
        elif entry["type"] == "Flatten":
            parts.append(f"nn.Flatten(start_dim={entry['start_dim']}, end_dim={entry['end_dim']})")
        else:
            parts.append(f"nn.{entry['type']}()")
    return ", ".join(parts)


LAYOUT_CALL = SimpleNamespace(function="NeuralNetwork")  # names the class when its stub still raises


@exercise.check("NeuralNetwork has the notes' layers: flatten and linear_relu_stack", "structure")
def network_structure(ctx: Context) -> None:
    reference = ctx.reference.probe("network_layout").observed
    student = compare.returned(LAYOUT_CALL, ctx.student.probe("network_layout")).observed
    if not student["is_module"]:
        compare.fail(NOT_A_MODULE)
    if student["flatten"] != reference["flatten"]:
        got = "missing" if student["flatten"] is None else _layers_text(student["flatten"])
        compare.fail(f"self.flatten must be nn.Flatten() (start_dim=1, end_dim=-1); yours is {got}")
    if student["stack"] is None:
        compare.fail(f"self.linear_relu_stack must be an nn.Sequential; yours is a {student['stack_type']}"
                     if student["stack_type"] != "NoneType" else
                     "NeuralNetwork has no self.linear_relu_stack: create it as an nn.Sequential of the "
                     "notes' layers")
    if student["stack"] != reference["stack"]:
        compare.fail(f"self.linear_relu_stack must be nn.Sequential({_layers_text(reference['stack'])})",
                     f"yours is nn.Sequential({_layers_text(student['stack'])})")
    if student["shapes"] != reference["shapes"]:
        compare.fail(f"the state_dict keys differ: expected {list(reference['shapes'])}, yours are "
                     f"{list(student['shapes'])}",
                     "keep the layers in self.flatten and self.linear_relu_stack only: any other attribute "
                     "holding layers adds keys")
    if student["parameters"] != reference["parameters"]:
        compare.fail(f"the network must have {reference['parameters']:,} parameters; yours has "
                     f"{student['parameters']:,}")


# --- predict ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PredictCase:
    """``predict(model, images)`` with the grader's small model on the grading device."""

    images: torch.Tensor
    image_seed: int
    seed: int = 0
    images_on_device: bool = False  # False: the images start on the CPU, wherever the model is
    model_on: str | None = None  # None: the grading device; else the device the check puts the model on
    frozen: bool = False  # the model's first Linear has requires_grad=False, as the caller froze it
    raw: bool = False  # pixel levels 0-255 (images not scaled by ToTensor): logits in the hundreds
    function = "predict"

    def __str__(self) -> str:
        shape = ", ".join(str(n) for n in self.images.shape)
        where = "on the CPU" if not self.images_on_device else \
            "on the model's device" if self.model_on is None else "on the grading device"
        return "\n".join([
            *(["device = 'cuda' if torch.cuda.is_available() else 'cpu'"] if self.model_on is None else []),
            f"torch.manual_seed({self.seed})",
            f"model = nn.Sequential({_layers_text(models.layer_summary(models.build(PREDICT_SPEC)))})"
            f".to({'device' if self.model_on is None else repr(self.model_on)})",
            *(["model[1].requires_grad_(False)  # a layer the caller froze"] if self.frozen else []),
            f"images = torch.rand({shape}, generator=torch.Generator().manual_seed({self.image_seed}))"
            f"{' * 255' if self.raw else ''}  # {where}",
            "predict(model, images)"])

    def data(self) -> dict:
        return {"seed": self.seed, "images": self.images, "images_on_device": self.images_on_device,
                "frozen": self.frozen}


def predict_case(n: int, channel: bool, image_seed: int, seed: int = 0, on_device: bool = False,
                 frozen: bool = False, raw: bool = False) -> PredictCase:
    images = _images(n, channel, image_seed) * (255 if raw else 1)
    return PredictCase(images, image_seed, seed, on_device, frozen=frozen, raw=raw)


def _predict_model(seed: int, device: str, frozen: bool) -> nn.Module:
    """The grader's model for predict, its first Linear frozen if asked."""
    model = models.build(PREDICT_SPEC, predict_state(seed), device)
    if frozen:
        model[1].requires_grad_(False)
    return model


def _model_snapshot(model: nn.Module) -> dict:
    parameters = list(model.parameters())
    return {"objects": [id(p) for p in parameters],
            "values": [p.detach().clone() for p in parameters],
            "requires_grad": [p.requires_grad for p in parameters],
            "devices": [str(p.device) for p in parameters],
            "dtypes": [str(p.dtype) for p in parameters]}


def _changes(before: dict, after: dict) -> list[str]:
    """What happened to the model, in words."""
    if before["objects"] != after["objects"]:
        return ["its parameters were replaced by other tensors"]
    changes = []
    if before["devices"] != after["devices"]:
        changes.append(f"it moved from {before['devices'][0]} to {after['devices'][0]}")
    if before["dtypes"] != after["dtypes"]:
        changes.append(f"its dtype changed from {before['dtypes'][0]} to {after['dtypes'][0]}")
    pairs = list(zip(before["requires_grad"], after["requires_grad"]))
    if any(b and not a for b, a in pairs):
        changes.append("its parameters no longer require grad (requires_grad_(False) froze it)")
    if any(a and not b for b, a in pairs):
        changes.append("parameters the caller had frozen (requires_grad=False) require grad again")
    if not changes and not all(torch.equal(b, a) for b, a in zip(before["values"], after["values"])):
        changes.append("its weights changed")
    return changes


@exercise.probe
def predict_run(module: ModuleType, device: str, seed: int, images: TensorValue, images_on_device: bool,
                frozen: bool = False) -> dict:
    """Call predict on the grader's model; record gradient tracking at each layer call and any change."""
    model = _predict_model(seed, device, frozen)
    images = materialize(images, device if images_on_device else "cpu")
    before = _model_snapshot(model)
    tracked: list[bool] = []  # per layer call: did its output record gradient history?

    def record(layer: nn.Module, args: Any, output: Any) -> None:
        tracked.append(bool(getattr(output, "requires_grad", False)))

    # On every layer, so that calling model.forward(images) directly is seen too.
    handles = [layer.register_forward_hook(record) for layer in model.modules()]
    try:
        returned = module.predict(model, images)
        grad_enabled_after = torch.is_grad_enabled()
    finally:
        for handle in handles:
            handle.remove()
        torch.set_grad_enabled(True)
    return {"returned": returned, "tracked": tracked, "grad_enabled_after": grad_enabled_after,
            "changes": _changes(before, _model_snapshot(model))}


def _student_predict(ctx: Context, case: PredictCase) -> dict:
    outcome: Outcome = ctx.student.probe("predict_run", **case.data())
    return compare.returned(case, outcome).observed


@st.composite
def predict_cases(draw: st.DrawFn) -> PredictCase:
    return predict_case(draw(st.integers(1, 5)), draw(st.booleans()), draw(st.integers(0, 2**16)),
                        draw(st.integers(0, 3)), draw(st.booleans()), draw(st.booleans()))


FROZEN_PREDICT = predict_case(2, True, 4, seed=1, frozen=True)  # a frozen layer stays frozen
PREDICT_TRAPS = [
    predict_case(4, True, 0),  # a DataLoader batch, images on the CPU
    predict_case(1, False, 1, seed=1),  # one image: the result is still shape (1,)
    predict_case(3, False, 2, seed=2, on_device=True),
    predict_case(0, True, 3, seed=3),  # an empty batch: an empty int64 tensor of shape (0,)
    FROZEN_PREDICT,
    # raw pixel levels: logits past float32's exp range, where exp(logits) / exp(logits).sum() is nan
    predict_case(4, True, 0, raw=True),
]


@exercise.property("predict matches softmax then argmax of the logits", "differential",
                   predict_cases(), PREDICT_TRAPS, max_examples=6)
def predict_matches(ctx: Context, case: PredictCase) -> None:
    reference = ctx.reference.probe("predict_run", **case.data())
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    student = _student_predict(ctx, case)
    found = compare.difference(student["returned"], reference.returned)
    if found:
        compare.fail(f"expected: {compare.show(reference.returned)}",
                     f"you returned: {compare.show(student['returned'])}", found,
                     "predict returns int64 class indices of shape (N,): "
                     "torch.softmax(logits, dim=1).argmax(dim=1), on the model's device")


@exercise.property("predict runs the model without tracking gradients", "hygiene",
                   predict_cases(), PREDICT_TRAPS[:2], max_examples=2)
def predict_no_grad(ctx: Context, case: PredictCase) -> None:
    student = _student_predict(ctx, case)
    if any(student["tracked"]):
        compare.fail("predict called the model while gradients were being tracked: autograd recorded the "
                     "whole forward pass for nothing",
                     "call the model inside `with torch.no_grad():` (or torch.inference_mode())")
    returned = student["returned"]
    if isinstance(returned, TensorValue) and (returned.requires_grad or returned.has_grad_fn):
        compare.fail("predict's result carries gradient history (requires_grad or a grad_fn): compute it "
                     "inside `with torch.no_grad():`")
    if not student["grad_enabled_after"]:
        compare.fail("after predict, gradient tracking is still switched off for the caller: use "
                     "`with torch.no_grad():`, which switches it back on, not torch.set_grad_enabled(False)")


@exercise.property("predict leaves the model unchanged", "hygiene", predict_cases(),
                   [PREDICT_TRAPS[0], FROZEN_PREDICT], max_examples=2)
def predict_keeps_model(ctx: Context, case: PredictCase) -> None:
    changes = _student_predict(ctx, case)["changes"]
    if changes:
        compare.fail("predict changed the model it was given: " + "; ".join(changes),
                     "the caller keeps using (and training) this model: avoid gradients with "
                     "`with torch.no_grad():`, move the images to the model, not the model to the images")


# --- predict on a device the images are not on ------------------------------------------------------

# ELSEWHERE, a device other than the grading device present on every machine: PyTorch's "meta" device
# holds shapes and dtypes but no values, and like a GPU it refuses to mix with CPU tensors. With the
# model there, a predict that leaves the images where they are, moves them to get_device() or copies
# the result back with .cpu() fails on a machine without a GPU as it would on one with a GPU.


@exercise.probe
def predict_elsewhere(module: ModuleType, device: str, seed: int, images: TensorValue,
                      images_on_device: bool, frozen: bool = False) -> dict:
    """predict with the grader's model on the meta device and the images on the CPU or the grading device;
    only the result's device, dtype and shape come back (a meta tensor has no values)."""
    model = _predict_model(seed, "cpu", frozen).to(ELSEWHERE)
    returned = module.predict(model, materialize(images, device if images_on_device else "cpu"))
    if not isinstance(returned, torch.Tensor):
        return {"tensor": False}
    return {"tensor": True, "device": returned.device.type, "dtype": str(returned.dtype),
            "shape": list(returned.shape)}


def _elsewhere(case: PredictCase) -> PredictCase:
    """The same call, shown with the model on the meta device."""
    return replace(case, model_on=ELSEWHERE)


ELSEWHERE_ADVICE = ("move the images to the model's device, images.to(next(model.parameters()).device), not "
                    "to get_device() (the caller chose where the model is), and return the result there: no "
                    ".cpu(), .item() or .numpy() at the end")


@exercise.property("predict computes on the model's device and leaves the result there", "hygiene",
                   predict_cases().map(_elsewhere), [_elsewhere(case) for case in PREDICT_TRAPS[:2]],
                   max_examples=2)
def predict_on_models_device(ctx: Context, case: PredictCase) -> None:
    where = "on the CPU" if not case.images_on_device or ctx.device == "cpu" else f"on {ctx.device}"
    setting = (f"the grader put the model on PyTorch's {ELSEWHERE!r} device (a device without values, standing "
               f"in for a GPU) and the images {where}")
    outcome = ctx.student.probe("predict_elsewhere", **case.data())
    raised = outcome.raised
    if raised and not (compare.not_implemented(raised) and ELSEWHERE not in raised.message):
        compare.fail(f"{setting}; your predict raised {raised.describe()}", ELSEWHERE_ADVICE)
    observed = compare.returned(case, outcome).observed
    if not observed["tensor"]:
        return  # the kind of result is judged by the differential check
    if observed["device"] != ELSEWHERE:
        compare.fail(f"{setting}; your result is on {observed['device']}, not on the model's device",
                     ELSEWHERE_ADVICE)
