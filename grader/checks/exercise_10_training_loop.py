"""Checks for exercise-10 · training loop.

A training problem crosses into the worker as data: the model as a spec
(:mod:`grader.models`) with its starting ``state_dict``, ``X``, ``y``, the
loss as a name (``"mse"``, ``"bce"``, ``"cross_entropy"``: a loss object
cannot cross), ``lr`` and ``epochs``. The probe builds the model and the loss
on the device, calls ``train`` and reports the returned losses and the final
weights, so the differential check compares whole trajectories with the
reference's from identical starting weights.

What only the worker can see is observed there with hooks and reported as
data: a global optimizer step pre-hook records, at every ``step()``, which
optimizer stepped, its type and lr, the loss of the weights about to be
stepped, and whether each parameter's ``.grad`` is exactly the gradient of
the latest ``backward`` (tensor hooks on the parameters see each backward's
gradient before it is added to ``.grad``). For ``predict``, a forward hook
records the mode the model ran in and whether its output carried a graph.

The problems include the course notes' AND-gate neuron,
``nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())`` with ``nn.BCELoss`` on the
four AND inputs, small regression MLPs with ``nn.MSELoss`` and classifiers
with ``nn.CrossEntropyLoss``. The states a caller hands over are traps too:
a model whose ``.grad`` still holds an earlier backward's values (clearing
only after ``step()`` lets them into the first step), ``epochs=0`` (an empty
list, no step), and for ``predict`` a model with a frozen layer, which must
stay frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_pre_hook

from grader import compare, models
from grader import strategies as S
from grader.exercise import Context, Exercise, Outcome
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Training loop",
    trains=True,  # slow training is legitimate: no early hang stop (grader.replay)
    functions=["train", "predict"],
    hints=[
        "train: create the optimizer once, before the loop: optimizer = torch.optim.SGD(model.parameters(), "
        "lr=lr). Then each epoch: optimizer.zero_grad(), loss = loss_fn(model(X), y), loss.backward(), "
        "optimizer.step(), and keep loss.item().",
        "backward() adds the new gradients to .grad instead of replacing them: without zero_grad() at the "
        "start of every epoch, each step uses the sum of all gradients so far. Clear them before backward(), "
        "not only after step(): the model you are given may still hold gradients from an earlier backward, "
        "and the first step would use them. Clearing between backward() and step() is just as wrong: the "
        "step then has nothing to use.",
        "The loss of an epoch is the value you computed from the weights *before* that epoch's step: "
        "append loss.item() of the loss you called backward on, not a loss recomputed after step(). "
        ".item() gives a Python float; appending the tensor returns tensors and keeps each epoch's graph alive.",
        "Use the lr you are given and one optimizer for all epochs: a hard-coded lr, or a new optimizer "
        "each epoch, changes the steps (an optimizer also keeps state such as momentum between steps).",
        "predict: was_training = model.training; model.eval(); compute model(X) inside `with torch.no_grad():`; "
        "then model.train(was_training), in a try/finally so it happens even if the forward raises. "
        ".detach() after the forward still builds the graph, and model.requires_grad_(False) changes the "
        "caller's model for good.",
    ],
)

LOSSES = {"mse": nn.MSELoss, "bce": nn.BCELoss, "cross_entropy": nn.CrossEntropyLoss}
LOSS_TEXT = {"mse": "nn.MSELoss()", "bce": "nn.BCELoss()", "cross_entropy": "nn.CrossEntropyLoss()"}
# The course notes' AND gate: one neuron with a sigmoid, trained on the four inputs.
AND_SPEC = (("Linear", 2, 1, True), ("Sigmoid",))
AND_X = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
AND_Y = ((0.0,), (0.0,), (0.0,), (1.0,))
MAX_EPOCHS = 20
LEFTOVER = 7.0  # what a model's .grad holds when a check hands it over "after an earlier backward"


def tolerance(dtype: torch.dtype, epochs: int) -> tuple[float, float]:
    """(rtol, atol) for a trajectory of ``epochs`` full-batch SGD steps in ``dtype``.

    Legitimate implementations run the same torch operations in the same
    order, so on one device they agree bit for bit; what a tolerance must
    absorb is a different reduction order (another thread count, another
    kernel), i.e. a few roundings per step carried along the trajectory.
    Measured on 400 problems drawn like the ones below (AND gate, MSE and
    cross-entropy MLPs), as max |a - e| / (1 + |e|) over losses and final
    weights: float32 vs float64 runs from the same start, and float32 runs
    with the rows of X, y permuted (same sum, other order), both stay at
    about 1 eps after 1 epoch and under 8 eps (9e-7) after 20; float64
    permuted runs stay under 6 eps (1.3e-15). The growth is about linear in
    the epochs, so 10 eps per epoch, as both rtol and atol, leaves a margin
    of 10x or more at every length, and is still orders of magnitude below
    what any mistake changes (a skipped zero_grad, another lr, momentum).
    """
    eps = torch.finfo(dtype).eps
    scale = 10 * eps * max(1, epochs)
    return scale, scale


# --- building models on either side --------------------------------------


def make_layer(entry: tuple) -> nn.Module:
    """A layer of a spec; ``("Dropout", p)`` on top of :func:`grader.models.make_layer`'s kinds."""
    if entry[0] == "Dropout":
        return nn.Dropout(entry[1])
    return models.make_layer(entry)


def build(spec: models.Spec, state: dict[str, torch.Tensor] | None, device: str,
          dtype: torch.dtype) -> nn.Sequential:
    """:func:`grader.models.build`, with Dropout layers allowed in the spec."""
    model = nn.Sequential(*(make_layer(tuple(entry)) for entry in spec)).to(dtype)
    if state is not None:
        model.load_state_dict({k: v.detach().clone() for k, v in state.items()})
    return model.to(device)


def initial_state(spec: models.Spec, seed: int, dtype: torch.dtype) -> dict[str, torch.Tensor]:
    """The weights ``torch.manual_seed(seed)`` then building the spec gives (Dropout draws nothing)."""
    torch.default_generator.manual_seed(seed)  # built on the CPU: as torch.manual_seed (grader.checks.exercise_08)
    return {k: v.detach().clone() for k, v in build(spec, None, "cpu", dtype).state_dict().items()}


def spec_text(spec: models.Spec) -> str:
    parts = []
    for kind, *args in spec:
        if kind == "Linear":
            parts.append(f"nn.Linear({args[0]}, {args[1]}{'' if args[2] else ', bias=False'})")
        elif kind == "Dropout":
            parts.append(f"nn.Dropout({args[0]})")
        else:
            parts.append(f"nn.{kind}()")
    return f"nn.Sequential({', '.join(parts)})"


def _model_text(spec: models.Spec, seed: int, dtype: torch.dtype) -> str:
    cast = ".double()" if dtype == torch.float64 else ""
    return f"torch.manual_seed({seed})\nmodel = {spec_text(spec)}{cast}"


# --- what a check asks for (shown to the student as the failing input) -------


@dataclass(frozen=True)
class TrainingRun:
    """``train(model, X, y, loss_fn, lr, epochs)`` on a model built from ``spec`` with seed ``seed``."""

    spec: tuple
    seed: int
    X: torch.Tensor
    y: torch.Tensor
    loss: str
    lr: float
    epochs: int
    leftovers: bool = False  # every .grad of the model first holds LEFTOVER, as after an earlier backward
    function = "train"  # compare.reraise_student names it when the stub still raises

    @property
    def dtype(self) -> torch.dtype:
        return self.X.dtype

    def data(self) -> dict:
        return {"spec": [list(entry) for entry in self.spec],
                "state": initial_state(list(self.spec), self.seed, self.dtype),
                "X": self.X, "y": self.y, "loss": self.loss, "lr": self.lr, "epochs": self.epochs,
                "leftovers": self.leftovers}

    def __str__(self) -> str:
        held = ([f"for p in model.parameters(): p.grad = torch.full_like(p, {LEFTOVER})  # an earlier backward's"]
                if self.leftovers else [])
        return "\n".join([_model_text(list(self.spec), self.seed, self.dtype), *held, f"X = {compare.show(self.X)}",
                          f"y = {compare.show(self.y)}",
                          f"train(model, X, y, {LOSS_TEXT[self.loss]}, lr={self.lr}, epochs={self.epochs})"])


@dataclass(frozen=True)
class PredictCall:
    """``predict(model, X)`` with the model first put in ``mode`` ("train" or "eval")."""

    spec: tuple
    seed: int
    X: torch.Tensor
    mode: str
    frozen: bool = False  # the first layer's parameters have requires_grad=False (a frozen layer)
    function = "predict"

    def data(self) -> dict:
        return {"spec": [list(entry) for entry in self.spec],
                "state": initial_state(list(self.spec), self.seed, self.X.dtype),
                "X": self.X, "mode": self.mode, "frozen": self.frozen}

    def __str__(self) -> str:
        frozen = ["model[0].requires_grad_(False)"] if self.frozen else []
        return "\n".join([_model_text(list(self.spec), self.seed, self.X.dtype), *frozen, f"model.{self.mode}()",
                          f"X = {compare.show(self.X)}", "predict(model, X)"])


def tensor(rows: Any, dtype: torch.dtype) -> torch.Tensor:
    return torch.tensor(rows, dtype=dtype)


def and_gate(lr: float, epochs: int, seed: int = 0, dtype: torch.dtype = torch.float32) -> TrainingRun:
    """The course notes' AND-gate neuron."""
    return TrainingRun(AND_SPEC, seed, tensor(AND_X, dtype), tensor(AND_Y, dtype), "bce", lr, epochs)


@st.composite
def training_runs(draw: st.DrawFn, min_epochs: int = 1) -> TrainingRun:
    """The AND gate, a regression MLP with MSELoss, or a classifier with CrossEntropyLoss; tiny data."""
    kind = draw(st.sampled_from(["and", "regression", "classification"]))
    dtype = draw(S.float_dtypes)
    epochs = draw(st.integers(min_epochs, MAX_EPOCHS))
    seed = draw(st.integers(0, 999))
    if kind == "and":
        return and_gate(draw(st.sampled_from([0.1, 0.5, 1.0, 2.0])), epochs, seed, dtype)
    n_samples, n_in, hidden = draw(st.integers(2, 8)), draw(st.integers(1, 4)), draw(st.integers(2, 6))
    X = draw(S.float_tensors((n_samples, n_in), dtype, magnitude=2.0))
    if kind == "regression":
        n_out = draw(st.integers(1, 2))
        activation = draw(st.sampled_from(["ReLU", "Tanh", "Sigmoid"]))
        spec = (("Linear", n_in, hidden, True), (activation,), ("Linear", hidden, n_out, True))
        y = draw(S.float_tensors((n_samples, n_out), dtype, magnitude=2.0))
        return TrainingRun(spec, seed, X, y, "mse", draw(st.sampled_from([0.01, 0.05, 0.1, 0.2])), epochs)
    classes = draw(st.integers(2, 4))
    spec = (("Linear", n_in, hidden, True), ("ReLU",), ("Linear", hidden, classes, True))
    y = draw(S.int_tensors((n_samples,), 0, classes - 1))
    return TrainingRun(spec, seed, X, y, "cross_entropy", draw(st.sampled_from([0.05, 0.1, 0.5])), epochs)


REGRESSION = TrainingRun((("Linear", 3, 4, True), ("Tanh",), ("Linear", 4, 2, True)), 1,
                         tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-1.0, 1.0, 1.0],
                                 [0.0, -2.0, 0.5], [2.0, 0.5, -1.5]], torch.float32),
                         tensor([[1.0, -0.5], [0.0, 2.0], [-1.5, 1.0], [0.5, 0.5], [2.0, -2.0]], torch.float32),
                         "mse", 0.1, 8)
CLASSIFICATION = TrainingRun((("Linear", 2, 5, True), ("ReLU",), ("Linear", 5, 3, True)), 2,
                             tensor([[1.0, 0.5], [-1.0, 2.0], [0.5, -1.5], [2.0, 1.0], [-0.5, -0.5],
                                     [1.5, -2.0]], torch.float64),
                             torch.tensor([0, 2, 1, 2, 0, 1]), "cross_entropy", 0.5, 12)
LEFTOVER_RUN = replace(REGRESSION, leftovers=True)  # the caller's model still holds an earlier backward's gradients
TRAPS = [
    and_gate(1.0, 10),  # the course notes' AND gate
    REGRESSION,
    CLASSIFICATION,  # float64, the last class index among the labels
    and_gate(0.5, 1, seed=3),  # one epoch: nothing to accumulate yet, but the loss must be the one before the step
    TrainingRun(REGRESSION.spec, 4, REGRESSION.X.double(), REGRESSION.y.double(), "mse", 0.05, MAX_EPOCHS),
    LEFTOVER_RUN,
    and_gate(1.0, 0),  # no epoch at all: no step, no loss, an empty list
]

DROPOUT_SPEC = (("Linear", 3, 6, True), ("ReLU",), ("Dropout", 0.5), ("Linear", 6, 2, True))
PREDICT_X = tensor([[1.0, -0.5, 2.0], [0.5, 1.5, -1.0], [-2.0, 0.5, 0.0], [1.0, 1.0, 1.0]], torch.float32)
PREDICT_TRAPS = [
    PredictCall(DROPOUT_SPEC, 0, PREDICT_X, "train"),  # Dropout is active unless predict switches to eval
    PredictCall(DROPOUT_SPEC, 1, PREDICT_X.double(), "eval"),
    PredictCall(AND_SPEC, 0, tensor(AND_X, torch.float32), "train"),
    PredictCall(AND_SPEC, 0, tensor(AND_X, torch.float32), "eval"),
    PredictCall(DROPOUT_SPEC, 2, PREDICT_X, "train", frozen=True),  # a frozen layer must stay frozen
]


@st.composite
def predict_calls(draw: st.DrawFn) -> PredictCall:
    """A small Linear stack, sometimes with Dropout after a layer, in train or eval mode, its first layer
    sometimes frozen."""
    spec = list(draw(models.linear_stacks(1, 3, max_width=5)))
    if draw(st.booleans()):
        spec.insert(draw(st.integers(1, len(spec))), ("Dropout", draw(st.sampled_from([0.2, 0.5]))))
    dtype = draw(S.float_dtypes)
    X = draw(S.float_tensors((draw(st.integers(1, 5)), spec[0][1]), dtype, magnitude=3.0))
    return PredictCall(tuple(spec), draw(st.integers(0, 999)), X, draw(st.sampled_from(["train", "eval"])),
                       draw(st.booleans()))


# --- probes (run in the student's worker, and locally for the reference) ---


def _state(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _gradient_state(parameter: torch.Tensor, latest: torch.Tensor | None) -> str:
    """How ``parameter.grad`` at a step relates to the gradient of the latest backward."""
    grad = parameter.grad
    if latest is None:
        return "missing"
    if grad is None or (not bool(grad.any()) and bool(latest.any())):
        return "cleared"
    return "fresh" if torch.equal(grad, latest) else "accumulated"


@exercise.probe
def train_run(module, device: str, spec: list, state: dict, X: Any, y: Any, loss: str, lr: float,
              epochs: int, leftovers: bool = False) -> dict:
    """Call ``train`` on a freshly built model; report the result, the final weights and every step.

    With ``leftovers`` every ``.grad`` first holds :data:`LEFTOVER`, as after an earlier backward.
    """
    X, y = materialize(X, device), materialize(y, device)
    model = build(spec, materialize(state, device), device, X.dtype)
    if leftovers:
        for parameter in model.parameters():
            parameter.grad = torch.full_like(parameter, LEFTOVER)
    loss_fn = LOSSES[loss]()
    X_before, y_before = X.clone(), y.clone()
    with torch.no_grad():
        initial_loss = loss_fn(model(X), y).item()
    parameters = list(model.parameters())
    latest: dict[int, torch.Tensor | None] = {}

    def remember(index: int):
        def hook(grad: torch.Tensor) -> None:
            latest[index] = grad.detach().clone()
        return hook

    optimizers: list[Any] = []
    steps: list[dict] = []

    def before_step(optimizer: Any, args: Any, kwargs: Any) -> None:
        if not any(optimizer is seen for seen in optimizers):
            optimizers.append(optimizer)
        with torch.no_grad():
            loss_before = loss_fn(model(X), y).item()
        steps.append({
            "optimizer": next(i for i, seen in enumerate(optimizers) if seen is optimizer),
            "type": f"{type(optimizer).__module__}.{type(optimizer).__qualname__}",
            "lrs": [float(group["lr"]) for group in optimizer.param_groups],
            "loss_before": loss_before,
            "gradients": [_gradient_state(p, latest.get(i)) for i, p in enumerate(parameters)],
        })
        latest.clear()

    handles = [p.register_hook(remember(i)) for i, p in enumerate(parameters)]
    handles.append(register_optimizer_step_pre_hook(before_step))
    try:
        returned = module.train(model, X, y, loss_fn, lr, epochs)
    finally:
        for handle in handles:
            handle.remove()
    return {
        "returned": returned,
        "state": _state(model),
        "initial_loss": initial_loss,
        "steps": steps,
        "inputs_changed": [not torch.equal(X, X_before), not torch.equal(y, y_before)],
    }


@exercise.probe
def predict_run(module, device: str, spec: list, state: dict, X: Any, mode: str, frozen: bool = False) -> dict:
    """Call ``predict`` on a model in ``mode``; report the result, the modes and the parameters around it."""
    X = materialize(X, device)
    model = build(spec, materialize(state, device), device, X.dtype)
    if frozen:
        model[0].requires_grad_(False)
    requires_grad_before = [p.requires_grad for p in model.parameters()]
    model.train(mode == "train")
    modes_before = [m.training for m in model.modules()]
    before = _state(model)
    forwards: list[dict] = []

    def seen(layer: nn.Module, inputs: Any, output: Any) -> None:
        forwards.append({"training": layer.training,
                         "graph": isinstance(output, torch.Tensor) and output.grad_fn is not None})

    handle = model.register_forward_hook(seen)
    try:
        returned = module.predict(model, X)
    finally:
        handle.remove()
    return {
        "returned": returned,
        "forwards": forwards,
        "modes_before": modes_before,
        "modes_after": [m.training for m in model.modules()],
        "state_before": before,
        "state_after": _state(model),
        "requires_grad_before": requires_grad_before,
        "requires_grad_after": [p.requires_grad for p in model.parameters()],
    }


# --- helpers for the verdicts ------------------------------------------------


def _observe(side: Any, name: str, case: TrainingRun | PredictCall) -> dict:
    return compare.returned(case, side.probe(name, **case.data())).observed


def _reference(ctx: Context, name: str, case: TrainingRun | PredictCall) -> dict:
    outcome: Outcome = ctx.reference.probe(name, **case.data())
    if outcome.raised:
        raise RuntimeError(f"the reference failed on {case}: {outcome.raised.describe()}")
    return outcome.observed


def loss_values(returned: Any) -> list[float] | None:
    """The losses as numbers, whatever their type (the type is judged by its own check), or None."""
    if not isinstance(returned, (list, tuple)):
        return None
    values = []
    for item in returned:
        if type(item) in (int, float):
            values.append(float(item))
        elif isinstance(item, TensorValue) and item.data.numel() == 1 and item.data.is_floating_point():
            values.append(float(item.data.reshape(())))
        else:
            return None
    return values


def _losses(observed: dict) -> list[float]:
    values = loss_values(observed["returned"])
    if values is None:
        compare.fail(f"train must return a list with the loss of each epoch; you returned "
                     f"{compare.show(observed['returned'])}")
    return values


# --- checks ----------------------------------------------------------------------


@exercise.property("training matches the reference run (losses and final weights)", "differential",
                   training_runs(), TRAPS, max_examples=10)
def matches_reference_run(ctx: Context, case: TrainingRun) -> None:
    student = _observe(ctx.student, "train_run", case)
    reference = _reference(ctx, "train_run", case)
    rtol_atol = tolerance(case.dtype, case.epochs)
    expected, losses = _losses(reference), _losses(student)
    found = compare.difference(losses, expected, "losses", rtol_atol)
    if found:
        compare.fail(f"expected the losses: {compare.show(expected)}",
                     f"yours are: {compare.show(losses)}",
                     found,
                     "each epoch: clear the gradients, loss = loss_fn(model(X), y), backward, one step of "
                     "torch.optim.SGD(model.parameters(), lr=lr)")
    found = compare.difference(student["state"], reference["state"], "model.state_dict()", rtol_atol)
    if found:
        compare.fail("the losses match, but after training the model's weights differ from the reference's "
                     "trained from the same start",
                     found,
                     "train the model you were given, in place, with plain SGD (no momentum, no weight decay)")


@exercise.property("predict matches model(X) in eval mode", "differential", predict_calls(), PREDICT_TRAPS)
def predict_matches(ctx: Context, case: PredictCall) -> None:
    student = _observe(ctx.student, "predict_run", case)
    reference = _reference(ctx, "predict_run", case)
    found = compare.difference(student["returned"], reference["returned"])
    if found:
        ran_in_train_mode = any(forward["training"] for forward in student["forwards"])
        compare.fail(f"expected: {compare.show(reference['returned'])}",
                     f"you returned: {compare.show(student['returned'])}",
                     found,
                     "your model ran in train mode, where Dropout zeroes random values: call model.eval() "
                     "before the forward" if ran_in_train_mode else "")


@exercise.property("each loss is recorded before that epoch's step", "invariant",
                   training_runs(), TRAPS[:1] + TRAPS[3:4], max_examples=5)
def loss_before_step(ctx: Context, case: TrainingRun) -> None:
    student = _observe(ctx.student, "train_run", case)
    values = loss_values(student["returned"])
    if not values:
        return  # what train returns is judged by the differential and the structure checks
    steps = student["steps"]
    expected = [step["loss_before"] for step in steps] if len(steps) == case.epochs else [student["initial_loss"]]
    rtol_atol = tolerance(case.dtype, case.epochs)
    for epoch, (value, before) in enumerate(zip(values, expected)):
        if compare.difference(value, before, tolerance=rtol_atol):
            got, wanted = compare.numbers(value, before)
            compare.fail(f"losses[{epoch}] is {got}, but the loss of the weights before that epoch's step "
                         f"is {wanted}",
                         "record the loss you computed this epoch (loss.item() of the loss you called backward "
                         "on), not a loss computed again after optimizer.step()")


GRADIENT_MESSAGES = {
    "accumulated": "still holds the gradients of earlier epochs as well (backward adds to .grad): clear them "
                   "every epoch with optimizer.zero_grad() before backward",
    "leftover": f"still holds what the model came with (every .grad held {LEFTOVER}, left by an earlier "
                "backward): clear the gradients at the start of every epoch, before backward; zero_grad() only "
                "after step() lets the caller's old gradients into the first step",
    "cleared": "was cleared between backward() and step(), so the step had no gradient to use: call "
               "zero_grad() before backward(), never between backward() and step()",
    "missing": "did not come from a backward() in this epoch: call loss.backward() every epoch before "
               "optimizer.step()",
}


@exercise.property("every step uses only that epoch's gradients", "invariant",
                   training_runs(min_epochs=2), TRAPS[:3] + [LEFTOVER_RUN], max_examples=5)
def fresh_gradients(ctx: Context, case: TrainingRun) -> None:
    student = _observe(ctx.student, "train_run", case)
    names = list(initial_state(list(case.spec), case.seed, case.dtype))
    for epoch, step in enumerate(student["steps"]):
        for name, state in zip(names, step["gradients"]):
            if state == "accumulated" and epoch == 0 and case.leftovers:
                state = "leftover"
            if state != "fresh":
                compare.fail(f"at the step of epoch {epoch + 1}, the gradient of {name} {GRADIENT_MESSAGES[state]}")


@exercise.property("steps one torch.optim.SGD with the given lr", "invariant",
                   training_runs(min_epochs=2), TRAPS[:3], max_examples=5)
def one_sgd_optimizer(ctx: Context, case: TrainingRun) -> None:
    steps = _observe(ctx.student, "train_run", case)["steps"]
    if not steps:
        compare.fail("train never called optimizer.step(): create torch.optim.SGD(model.parameters(), lr=lr) "
                     "once before the loop and call its step() every epoch")
    for epoch, step in enumerate(steps):
        if step["type"] != "torch.optim.sgd.SGD":
            compare.fail(f"the optimizer is a {step['type']}; this exercise trains with torch.optim.SGD")
        if any(lr != case.lr for lr in step["lrs"]):
            compare.fail(f"at epoch {epoch + 1} the optimizer's lr was {step['lrs'][0]!r}, but train was called "
                         f"with lr={case.lr!r}: pass lr=lr to torch.optim.SGD")
    created = len({step["optimizer"] for step in steps})
    if created > 1:
        compare.fail(f"train stepped {created} different optimizers: create one before the loop and reuse it "
                     "(an optimizer keeps state, such as momentum, from one step to the next)")
    if len(steps) != case.epochs:
        compare.fail(f"expected one optimizer step per epoch, {case.epochs} in all; your train took {len(steps)}")


@exercise.property("predict restores the model's train/eval mode", "invariant", predict_calls(),
                   PREDICT_TRAPS, max_examples=10)
def predict_restores_mode(ctx: Context, case: PredictCall) -> None:
    student = _observe(ctx.student, "predict_run", case)
    if student["modes_after"] != student["modes_before"]:
        now = "train" if student["modes_after"][0] else "eval"
        compare.fail(f"the model was in {case.mode} mode before predict and is in {now} mode afterwards",
                     "remember was_training = model.training before model.eval(), and call "
                     "model.train(was_training) before returning")


@exercise.property("predict tracks no gradients", "invariant", predict_calls(), PREDICT_TRAPS[:2],
                   max_examples=10)
def predict_without_graph(ctx: Context, case: PredictCall) -> None:
    student = _observe(ctx.student, "predict_run", case)
    returned = student["returned"]
    if isinstance(returned, TensorValue) and (returned.has_grad_fn or returned.requires_grad):
        compare.fail("your result has a grad_fn: autograd recorded the forward. Compute it inside "
                     "`with torch.no_grad():`")
    if any(forward["graph"] for forward in student["forwards"]):
        compare.fail("your model's forward built an autograd graph (its output had a grad_fn): .detach() "
                     "afterwards does not undo that work; run the forward inside `with torch.no_grad():`")


@exercise.property("returns one Python float per epoch", "structure", training_runs(), TRAPS[:1],
                   max_examples=3)
def floats_per_epoch(ctx: Context, case: TrainingRun) -> None:
    returned = _observe(ctx.student, "train_run", case)["returned"]
    if type(returned) is not list:
        compare.fail(f"train must return a list; you returned {compare.kind_of(returned)}: "
                     f"{compare.show(returned)}")
    if len(returned) != case.epochs:
        compare.fail(f"expected one loss per epoch, {case.epochs} in all; you returned {len(returned)}")
    for epoch, item in enumerate(returned):
        if type(item) is not float:
            compare.fail(f"losses[{epoch}] is {compare.kind_of(item)} ({compare.show(item)}); each loss must be "
                         "a Python float: append loss.item()")


@exercise.property("train leaves X and y unchanged", "hygiene", training_runs(), TRAPS[:2], max_examples=3)
def train_inputs_unchanged(ctx: Context, case: TrainingRun) -> None:
    changed = _observe(ctx.student, "train_run", case)["inputs_changed"]
    names = [name for name, flag in zip(("X", "y"), changed) if flag]
    if names:
        compare.fail(f"train changed {' and '.join(names)} in place; the caller's data must stay as it was "
                     "(full-batch training has no use for shuffling or normalising it)")


@exercise.property("predict leaves the parameters unchanged", "hygiene", predict_calls(),
                   PREDICT_TRAPS[:1] + PREDICT_TRAPS[-1:], max_examples=5)
def predict_parameters_unchanged(ctx: Context, case: PredictCall) -> None:
    student = _observe(ctx.student, "predict_run", case)
    found = compare.difference(student["state_after"], student["state_before"], "model.state_dict()",
                               tolerance=(0.0, 0.0))
    if found:
        compare.fail("predict changed the model's weights", found)
    pairs = list(zip(student["requires_grad_before"], student["requires_grad_after"]))
    frozen = [i for i, (before, after) in enumerate(pairs) if before and not after]
    if frozen:
        compare.fail(f"after predict, {len(frozen)} of the model's parameters have requires_grad=False, so the "
                     "model can no longer be trained: use `with torch.no_grad():` instead of "
                     "model.requires_grad_(False)")
    thawed = [i for i, (before, after) in enumerate(pairs) if after and not before]
    if thawed:
        compare.fail(f"the caller had frozen {len(thawed)} of the model's parameters (requires_grad=False), and "
                     "after predict they require grad again: predict must leave requires_grad as it found it; "
                     "`with torch.no_grad():` needs no requires_grad_() calls at all")
