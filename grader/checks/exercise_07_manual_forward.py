"""Checks for exercise-07 · forward pass by hand.

``linear_forward`` goes through the generic ``call`` probe. ``manual_forward``
needs a model, so each case is a :class:`ForwardCase` -- a
:mod:`grader.models` spec, the seed of its weights and the input -- and the
``forward_model`` probe builds the model on the worker's side, computes
``model(x)`` for the comparison *before* the judged code runs, and watches
the judged call: every module call (a global forward pre-hook sees
``model(x)``, ``layer(x)`` and layers the student builds), every direct
``.forward`` call (each layer class's ``forward`` is replaced by a recorder for
the duration of the call), and whether ``x`` or the weights changed.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Callable, Iterator

import torch
from hypothesis import strategies as st
from torch import nn
from torch.nn.modules.module import register_module_forward_pre_hook

from grader import compare, models, properties
from grader import strategies as S
from grader.exercise import Call, Context, Exercise, Outcome
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Forward pass by hand",
    functions=["linear_forward", "manual_forward"],
    forbidden=[
        "torch.nn.functional", "torch.addmm",
        "torch.sigmoid", "torch.tanh", "torch.relu", "torch.softmax", "torch.log_softmax", "torch.special",
        ".sigmoid", ".tanh", ".relu", ".softmax", ".log_softmax",
    ],
    # By hand: a layer's own forward must not run from the student's code, however it was reached.
    tripwires=[f"torch.nn.{layer}.forward" for layer in ("Linear", "ReLU", "Sigmoid", "Tanh", "Softmax", "Flatten")],
    hints=[
        "A Linear layer stores weight with shape (out, in): its output is x @ weight.T + bias. Use the "
        "transpose .T, not reshape or view, which keep the numbers in the wrong order; @ (torch.matmul) "
        "also handles a 1-D x and extra leading dimensions.",
        "Check the shapes first: raise ValueError when x.shape[-1] != weight.shape[1], and when bias is "
        "given but its shape is not (out,) -- a bias of length 1 would broadcast silently.",
        "In manual_forward, loop over the layers of the model and dispatch on their type with isinstance: "
        "Linear uses layer.weight and layer.bias; write ReLU, Sigmoid, Tanh and Softmax with torch.exp, "
        "torch.clamp or torch.where. Never call layer(h), layer.forward(h) or model(x), not even on a layer "
        "you build yourself.",
        "Each layer's settings matter: nn.Softmax(dim=0) normalises along dim 0 (take layer.dim), and "
        "nn.Flatten(start_dim, end_dim) merges only the dims from start_dim to end_dim: "
        "h.flatten(layer.start_dim, layer.end_dim).",
        "Inputs of magnitude 100 give exp overflow: shift softmax by its maximum along dim, and write tanh "
        "and sigmoid from exp(-|h|) so that no exp argument is positive.",
        "For any other layer raise TypeError with the layer's type name in the message, "
        "e.g. f\"unsupported layer {type(layer).__name__}\". And never modify x or h in place "
        "(h[h < 0] = 0 writes into the caller's x when ReLU comes first).",
    ],
)

# --- linear_forward ----------------------------------------------------------------------------

WEIGHT_MAGNITUDE = 10.0


def _linear_call(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, omit: bool = False) -> Call:
    return Call("linear_forward", (x, weight) if omit else (x, weight, bias))


@st.composite
def linear_calls(draw: st.DrawFn) -> Call:
    """x of shape (..., in) with 0 to 2 leading dims, weight (out, in) square or not, bias or None."""
    dtype = draw(S.float_dtypes)
    n_in, n_out = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    x = draw(S.float_tensors(draw(S.shapes(0, 2, 1, 4)) + (n_in,), dtype))
    weight = draw(S.float_tensors((n_out, n_in), dtype, magnitude=WEIGHT_MAGNITUDE))
    if draw(st.booleans()):
        return _linear_call(x, weight, draw(S.float_tensors((n_out,), dtype, magnitude=WEIGHT_MAGNITUDE)))
    return _linear_call(x, weight, None, omit=draw(st.booleans()))


def _linear_tolerance(call: Call) -> tuple[float, float]:
    """Default tolerances, with atol widened to the rounding error of any correct summation order.

    A dot product of ``n`` terms rounds by up to about ``n * eps * sum|terms|``; inputs of magnitude
    100 times weights of magnitude 10 can cancel to nearly 0, where only such an atol is fair.
    """
    x, weight, *rest = call.args
    bias = rest[0] if rest else None
    magnitude = x.double().abs() @ weight.double().abs().T
    if bias is not None:
        magnitude = magnitude + bias.double().abs()
    rtol, atol = compare.TOLERANCES[x.dtype]
    bound = float(magnitude.max()) if magnitude.numel() else 0.0
    return rtol, max(atol, 2 * (weight.shape[1] + 1) * torch.finfo(x.dtype).eps * bound)


def _t(rows: list, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.tensor(rows, dtype=dtype)


LINEAR_TRAPS = [
    # the course notes: one sample through Linear(3, 2)
    _linear_call(_t([1.0, 2.0, 3.0]), _t([[0.5, -1.0, 2.0], [1.0, 0.0, -1.0]]), _t([0.1, -0.2])),
    # a square weight: a missing transpose keeps the shape and changes the values
    _linear_call(_t([[1.0, 2.0], [3.0, 4.0]]), _t([[1.0, 2.0], [-3.0, 0.5]]), _t([1.0, 1.0])),
    # non-square, no bias, a batch
    _linear_call(_t([[1.0, -2.0, 0.5], [0.0, 1.0, 4.0]], torch.float64), _t([[2.0, 1.0, 0.0]], torch.float64),
                 None, omit=True),
    # extra leading dims: (2, 3, 4) -> (2, 3, 2)
    _linear_call(torch.arange(24.0).reshape(2, 3, 4) - 12, _t([[1.0, 0.0, -1.0, 2.0], [0.5, 0.5, 0.5, 0.5]]),
                 _t([3.0, -3.0])),
    # an empty batch
    _linear_call(torch.zeros(0, 3), _t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), _t([1.0, 2.0])),
]


@exercise.property("linear_forward matches F.linear", "differential", linear_calls(), LINEAR_TRAPS)
def linear_matches(ctx: Context, call: Call) -> None:
    compare.expect_match(call, ctx.student.run(call), ctx.reference.run(call), _linear_tolerance(call))


# --- manual_forward: the cases and the probe ---------------------------------------------------

SUPPORTED = (nn.Linear, nn.ReLU, nn.Sigmoid, nn.Tanh, nn.Softmax, nn.Flatten)
UNSUPPORTED = ("Dropout", "LeakyReLU", "Identity", "GELU", "ELU", "Softplus", "SiLU")
ACTIVATIONS = ("ReLU", "Sigmoid", "Tanh")
# float32 model(x) and a correct formula that sums in another order differ by more than
# assert_close's float32 defaults once activations of magnitude ~250 pass through softmax.
FORWARD_TOLERANCE = {torch.float32: (1e-5, 1e-4), torch.float64: compare.TOLERANCES[torch.float64]}


@dataclass(frozen=True)
class ForwardCase:
    """``manual_forward(model, x)`` with the model given as a spec and the seed of its weights."""

    spec: tuple[tuple, ...]
    x: torch.Tensor
    seed: int = 0
    shared: tuple[tuple[int, int], ...] = ()  # see grader.models.reuse
    tied: tuple[tuple[int, int, str], ...] = ()
    eval_mode: bool = False  # the caller's model is in eval mode
    with_grads: bool = False  # the caller's model holds gradients from an earlier backward

    function = "manual_forward"

    def __str__(self) -> str:
        # Every layer is created in the spec's order, as the probe does, so the lines rebuild its weights.
        lines = [f"torch.manual_seed({self.seed})", *models.model_code(self.spec)]
        if self.x.dtype == torch.float64:
            lines[-1] += ".double()"
        lines += [f"model[{position}] = model[{earlier}]  # the same layer object again"
                  for position, earlier in self.shared]
        lines += [f"model[{position}].{name} = model[{earlier}].{name}  # one parameter in two layers"
                  for position, earlier, name in self.tied]
        lines += ["model.eval()"] * self.eval_mode
        lines += ["for p in model.parameters(): p.grad = torch.ones_like(p)  # left by an earlier backward"] * \
            self.with_grads
        return "\n".join([*lines, f"x = {compare.show(self.x)}", "manual_forward(model, x)"])

    def data(self) -> dict:
        # The wire makes every tensor contiguous; the probe rebuilds a transposed layout from this flag.
        strided = self.x.dim() >= 2 and not self.x.is_contiguous()
        return {"spec": self.spec, "seed": self.seed, "x": self.x, "strided": strided, "shared": self.shared,
                "tied": self.tied, "eval_mode": self.eval_mode, "with_grads": self.with_grads}


@contextmanager
def recording_module_calls(model: nn.Module) -> Iterator[list[str]]:
    """Names of the module types called while the block runs, by ``module(x)`` or by ``.forward``.

    The global pre-hook sees every ``module(...)`` call, also of modules built inside the judged
    code; replacing ``forward`` on each class sees ``layer.forward(h)`` and
    ``type(layer).forward(layer, h)``, which run no hooks. Everything is restored afterwards.
    """
    called: list[str] = []

    def recorder(original: Callable, name: str) -> Callable:
        def forward(self, *args, **kwargs):
            called.append(name)
            return original(self, *args, **kwargs)
        return forward

    classes = {type(module) for module in model.modules()} | set(SUPPORTED)
    own = {cls: cls.__dict__.get("forward") for cls in classes}
    for cls in classes:
        cls.forward = recorder(cls.forward, cls.__name__)
    handle = register_module_forward_pre_hook(lambda module, args: called.append(type(module).__name__))
    try:
        yield called
    finally:
        handle.remove()
        for cls, forward in own.items():
            if forward is None:
                del cls.forward
            else:
                cls.forward = forward


def _model(spec: tuple, device: str, dtype: torch.dtype, shared: tuple, tied: tuple, eval_mode: bool,
           with_grads: bool) -> nn.Sequential:
    """The model a :class:`ForwardCase` describes, in the state it describes."""
    model = models.reuse(models.build(list(spec), device=device, dtype=dtype), shared, tied)
    if eval_mode:
        model.eval()
    if with_grads:
        for parameter in model.parameters():
            parameter.grad = torch.ones_like(parameter)
    return model


def _grads(model: nn.Module) -> list:
    return [None if p.grad is None else p.grad.clone() for p in model.parameters()]


def _same_grads(before: list, after: list) -> bool:
    return all((a is None and b is None) or (a is not None and b is not None and torch.equal(a, b))
               for a, b in zip(before, after))


@exercise.probe
def forward_model(module: ModuleType, device: str, spec: tuple, seed: int, x: TensorValue,
                  strided: bool, shared: tuple = (), tied: tuple = (), eval_mode: bool = False,
                  with_grads: bool = False) -> dict:
    """Run the judged ``manual_forward`` on the described model and report what it touched."""
    x = materialize(x, device)
    if strided:  # the same values in a non-contiguous layout, as the check drew them
        x = x.mT.contiguous().mT
    torch.default_generator.manual_seed(seed)  # layers are initialised on the CPU: as torch.manual_seed(seed)
    model = _model(spec, device, x.dtype, shared, tied, eval_mode, with_grads)
    with torch.no_grad():
        expected = model(x.clone())
    x_before = x.clone()
    state_before = {key: value.clone() for key, value in model.state_dict().items()}
    modes_before, grads_before = [m.training for m in model.modules()], _grads(model)
    with recording_module_calls(model) as called:
        result = module.manual_forward(model, x)
    state_after = model.state_dict()
    return {
        "mode_changed": [m.training for m in model.modules()] != modes_before,
        "grads_changed": not _same_grads(grads_before, _grads(model)),
        "returned": result,
        "expected": expected,
        "module_calls": list(dict.fromkeys(called)),
        "x_changed": not torch.equal(x.detach(), x_before),
        "model_changed": list(state_after) != list(state_before)
        or not all(torch.equal(state_after[key], value) for key, value in state_before.items()),
    }


def _expect_forward(ctx: Context, case: ForwardCase) -> None:
    student = ctx.student.probe("forward_model", **case.data())
    reference = ctx.reference.probe("forward_model", **case.data())
    expected = reference if reference.raised else Outcome({"returned": reference["expected"]})
    compare.expect_match(case, student, expected, FORWARD_TOLERANCE[case.x.dtype])


# --- manual_forward: strategies ----------------------------------------------------------------


@st.composite
def stack_from(draw: st.DrawFn, n_in: int, min_layers: int = 1, max_layers: int = 3) -> list[tuple]:
    """A :func:`grader.models.linear_stacks` spec whose first layer takes ``n_in`` features."""
    spec = draw(models.linear_stacks(min_layers, max_layers, max_width=5))
    spec[0] = ("Linear", n_in, spec[0][2], spec[0][3])
    return spec


def _seeds() -> st.SearchStrategy[int]:
    return st.integers(0, 2**16)


@st.composite
def forward_cases(draw: st.DrawFn) -> ForwardCase:
    """Linear/activation stacks on x of shape (in,), (batch, in) or (a, b, in), maybe starting with an
    activation, maybe ending with Softmax(dim=-1); or a default Flatten() first on a 3-D/4-D batch."""
    dtype = draw(S.float_dtypes)
    spec: list[tuple] = []
    if draw(st.booleans()):
        shape = draw(S.shapes(3, 4, 1, 3))
        spec.append(("Flatten", 1, -1))
        n_in = math.prod(shape[1:])
    else:
        n_in = draw(st.integers(1, 5))
        shape = draw(S.shapes(0, 2, 1, 4)) + (n_in,)
    if draw(st.booleans()):
        spec.append((draw(st.sampled_from(ACTIVATIONS)),))
    spec += draw(stack_from(n_in))
    if draw(st.booleans()):
        spec.append(("Softmax", -1))
    return ForwardCase(tuple(spec), draw(S.float_tensors(shape, dtype)), draw(_seeds()))


@st.composite
def softmax_cases(draw: st.DrawFn) -> ForwardCase:
    """A stack ending in Softmax(dim) for any valid dim of a 2-D to 4-D input."""
    shape = draw(S.shapes(2, 4, 1, 4))
    spec = draw(stack_from(shape[-1], max_layers=2)) + [("Softmax", draw(S.valid_dims(len(shape))))]
    return ForwardCase(tuple(spec), draw(S.float_tensors(shape)), draw(_seeds()))


@st.composite
def flatten_cases(draw: st.DrawFn) -> ForwardCase:
    """Flatten(start_dim, end_dim), spelled with positive or negative dims, on a 3-D/4-D input,
    maybe followed by a stack on the resulting last dimension."""
    shape = draw(S.shapes(3, 4, 1, 4, distinct=True))
    ndim = len(shape)
    start = draw(st.integers(0, ndim - 1))
    end = draw(st.integers(start, ndim - 1))
    spelled = [dim - ndim if draw(st.booleans()) else dim for dim in (start, end)]
    last = math.prod(shape[start:]) if end == ndim - 1 else shape[-1]
    spec = [("Flatten", *spelled)] + (draw(stack_from(last, max_layers=2)) if draw(st.booleans()) else [])
    return ForwardCase(tuple(spec), draw(S.float_tensors(shape)), draw(_seeds()))


@st.composite
def unsupported_cases(draw: st.DrawFn) -> ForwardCase:
    """A valid stack with one unsupported layer (Dropout, LeakyReLU, Identity, ...) somewhere in it."""
    shape = draw(S.shapes(1, 2, 1, 4))
    spec = draw(stack_from(shape[-1], max_layers=2))
    spec.insert(draw(st.integers(0, len(spec))), (draw(st.sampled_from(UNSUPPORTED)),))
    return ForwardCase(tuple(spec), draw(S.float_tensors(shape)), draw(_seeds()))


def _case(spec: list[tuple], x: torch.Tensor, seed: int = 0) -> ForwardCase:
    return ForwardCase(tuple(spec), x, seed)


NOTES_MODEL = [("Linear", 3, 4, True), ("ReLU",), ("Linear", 4, 2, True), ("Softmax", -1)]
# With torch.manual_seed(0), Linear(4, 3) maps these rows to outputs of about +-105: exp(105)
# overflows float32, so softmax and tanh written without care give nan.
BIG = _t([[-100.0, 100.0, -100.0, -100.0], [100.0, -100.0, 100.0, 100.0]])

FORWARD_TRAPS = [
    _case(NOTES_MODEL, _t([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])),  # the course notes' classifier
    _case([("Linear", 3, 3, True), ("Tanh",), ("Linear", 3, 3, False), ("Sigmoid",)], _t([1.0, -2.0, 0.5])),
    _case([("Linear", 4, 3, True), ("Softmax", -1)], BIG),
    _case([("Linear", 4, 3, True), ("Tanh",)], BIG),
    _case([("Linear", 4, 3, True), ("Sigmoid",)], BIG),  # exp(h) / (1 + exp(h)) is inf / inf = nan
    _case([("Linear", 4, 3, True), ("Sigmoid",)], -BIG),  # and 1 / (1 + exp(-h)) must give 0, not nan
    _case(NOTES_MODEL, torch.zeros(0, 3)),  # an empty batch
    _case([("Flatten", 1, -1), ("Linear", 6, 2, True), ("Sigmoid",)], torch.arange(12.0).reshape(2, 3, 2)),
    # a non-contiguous x: .view cannot flatten it, flatten and reshape can
    _case([("Flatten", 1, -1), ("Linear", 4, 2, True)], torch.arange(8.0).reshape(2, 2, 2).transpose(1, 2)),
]


@exercise.property("manual_forward matches model(x)", "differential", forward_cases(), FORWARD_TRAPS)
def forward_matches(ctx: Context, case: ForwardCase) -> None:
    _expect_forward(ctx, case)


@exercise.property("Softmax is taken along its dim", "differential", softmax_cases(), [
    _case([("Linear", 3, 2, True), ("Softmax", 0)], _t([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0], [2.0, 2.0, 2.0]])),
    _case([("Linear", 2, 3, True), ("Softmax", 1)], torch.arange(12.0).reshape(2, 3, 2) - 6),
    _case([("Linear", 2, 2, False), ("Softmax", -3)], torch.arange(16.0).reshape(2, 2, 2, 2) / 4),
    _case([("Linear", 4, 3, True), ("Softmax", 0)], BIG),
])
def softmax_dim(ctx: Context, case: ForwardCase) -> None:
    _expect_forward(ctx, case)


@exercise.property("Flatten merges only the dims from start_dim to end_dim", "differential", flatten_cases(), [
    _case([("Flatten", 1, 2), ("ReLU",)], torch.arange(24.0).reshape(2, 3, 4) - 10),
    _case([("Flatten", 0, -2), ("Linear", 4, 2, True)], torch.arange(24.0).reshape(2, 3, 4)),
    _case([("Flatten", -3, -2)], torch.arange(120.0).reshape(2, 3, 4, 5)),
    _case([("Flatten", 0, 3), ("Sigmoid",)], torch.arange(24.0).reshape(1, 2, 3, 4) - 12),
    # an empty batch: reshape(..., -1, ...) cannot tell what -1 stands for among 0 elements
    _case([("Flatten", 1, -1), ("Linear", 6, 2, True)], torch.zeros(0, 3, 2)),
    _case([("Flatten", -2, -1)], torch.zeros(2, 0, 3)),
])
def flatten_dims(ctx: Context, case: ForwardCase) -> None:
    _expect_forward(ctx, case)


@st.composite
def reused_cases(draw: st.DrawFn) -> ForwardCase:
    """A stack with a square Linear(w, w) inserted and applied again a little later: as the same layer
    object, or as a new layer whose weight (and maybe bias) is the first one's parameter."""
    n_in = draw(st.integers(1, 5))
    spec = draw(stack_from(n_in, max_layers=2))
    after = draw(st.sampled_from([i for i, entry in enumerate(spec) if entry[0] == "Linear"]))
    width, bias = spec[after][2], draw(st.booleans())
    block: list[tuple] = [("Linear", width, width, bias)]
    if draw(st.booleans()):
        block.append((draw(st.sampled_from(ACTIVATIONS)),))
    block.append(block[0])
    first, again = after + 1, after + len(block)
    spec[first:first] = block
    how = draw(st.sampled_from(["same layer", "tied weight", "tied weight and bias"]))
    shared = ((again, first),) if how == "same layer" else ()
    tied = () if shared else ((again, first, "weight"),) + (((again, first, "bias"),) if bias and how.endswith(
        "bias") else ())
    x = draw(S.float_tensors(draw(S.shapes(0, 2, 1, 4)) + (n_in,), draw(S.float_dtypes)))
    return ForwardCase(tuple(spec), x, draw(_seeds()), shared, tied)


@exercise.property("a layer used twice, or a weight shared by two layers, is applied each time", "differential",
                   reused_cases(), [
                       ForwardCase((("Linear", 3, 4, True), ("ReLU",), ("Linear", 4, 4, True), ("Tanh",),
                                    ("Linear", 4, 4, True), ("Linear", 4, 2, True)),
                                   _t([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]), shared=((4, 2),)),
                       ForwardCase((("Linear", 3, 3, False), ("Sigmoid",), ("Linear", 3, 3, True)),
                                   _t([2.0, -1.0, 0.5]), tied=((2, 0, "weight"),)),
                   ])
def reused_layers(ctx: Context, case: ForwardCase) -> None:
    _expect_forward(ctx, case)


# --- errors ------------------------------------------------------------------------------------


@st.composite
def mismatched_linear_calls(draw: st.DrawFn) -> Call:
    """x whose last dimension is not weight.shape[1], or a bias whose length is not weight.shape[0]."""
    dtype = draw(S.float_dtypes)
    n_in, n_out = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    width, length = n_in, n_out
    if draw(st.booleans()):
        width = draw(st.integers(1, 6).filter(lambda k: k != n_in))
    else:
        length = draw(st.integers(1, 6).filter(lambda k: k != n_out))
    x = draw(S.float_tensors(draw(S.shapes(0, 2, 1, 3)) + (width,), dtype))
    bias = draw(S.float_tensors((length,), dtype)) if length != n_out or draw(st.booleans()) else None
    return _linear_call(x, draw(S.float_tensors((n_out, n_in), dtype)), bias)


properties.raises(exercise, "linear_forward raises ValueError for mismatched shapes", mismatched_linear_calls(), [
    _linear_call(_t([[1.0, 2.0]]), _t([[1.0, 2.0, 3.0]]), None),  # x has 2 features, weight wants 3
    _linear_call(_t([[1.0, 2.0], [3.0, 4.0]]), _t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), _t([5.0])),  # broadcasts
    _linear_call(_t([1.0, 2.0]), _t([[1.0, 2.0], [3.0, 4.0]]), _t([1.0, 2.0, 3.0])),
    _linear_call(_t([[1.0, 2.0, 3.0]]), _t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), None),  # (in, out) given
])


# The explicit examples carry these three checks; a few drawn cases suffice beside them.
FEW = 10


@exercise.property("raises TypeError naming an unsupported layer", "errors", unsupported_cases(), [
    _case([("Linear", 3, 4, True), ("LeakyReLU",), ("Linear", 4, 2, True)], _t([[1.0, -2.0, 3.0]])),
    _case([("Linear", 3, 2, True), ("Dropout",)], _t([[1.0, 2.0, 3.0]])),
    _case([("Identity",), ("Linear", 2, 2, True)], _t([0.5, -0.5])),
    _case([("Linear", 2, 2, True), ("GELU",)], _t([[1.0, 2.0]])),
], max_examples=FEW)
def unsupported_layer(ctx: Context, case: ForwardCase) -> None:
    student = ctx.student.probe("forward_model", **case.data())
    compare.expect_raises(case, student, "TypeError")
    name = next(entry[0] for entry in case.spec if entry[0] in UNSUPPORTED)
    if name not in student.raised.message:
        compare.fail(f"your TypeError must name the layer type, {name}, so the user knows which layer "
                     f"is not supported; its message was: {student.raised.message!r}")


# --- structure and hygiene ---------------------------------------------------------------------

ALL_LAYERS = [("Flatten", 1, -1), ("Linear", 4, 3, True), ("ReLU",), ("Linear", 3, 3, False), ("Sigmoid",),
              ("Linear", 3, 2, True), ("Tanh",), ("Softmax", 1)]


@exercise.property("computes without calling the layers", "structure", forward_cases(), [
    _case(ALL_LAYERS, torch.arange(8.0).reshape(2, 2, 2) - 4),
], max_examples=FEW)
def calls_no_layer(ctx: Context, case: ForwardCase) -> None:
    student = compare.returned(case, ctx.student.probe("forward_model", **case.data()))
    if student["module_calls"]:
        compare.fail(f"manual_forward called these modules: {', '.join(student['module_calls'])}",
                     "compute each layer's output yourself from its weight, bias and settings; "
                     "do not call model(x), layer(h) or layer.forward(h), not even on a layer you build")


@exercise.property("does not modify its inputs", "hygiene", st.one_of(linear_calls(), forward_cases()), [
    _case([("ReLU",), ("Linear", 3, 2, True)], _t([[-1.0, 2.0, -3.0]])),
    _linear_call(_t([1.0, -2.0]), _t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), _t([0.0, 1.0, 2.0])),
], max_examples=FEW)
def inputs_unchanged(ctx: Context, case: Call | ForwardCase) -> None:
    if isinstance(case, Call):
        outcome = compare.returned(case, ctx.student.run(case))
        changed = [("x", "weight", "bias")[where] for where in outcome["mutated"]]
    else:
        outcome = compare.returned(case, ctx.student.probe("forward_model", **case.data()))
        changed = ["x"] * outcome["x_changed"] + ["the model's weights"] * outcome["model_changed"]
    if changed:
        compare.fail(f"{case.function} changed {' and '.join(changed)} in place; compute new tensors instead "
                     "(avoid h[h < 0] = 0, h.clamp_(...), x.unsqueeze_(...) and other in-place operations "
                     "on tensors you were given)")


@st.composite
def caller_states(draw: st.DrawFn) -> ForwardCase:
    """A forward case with the model in train or eval mode, maybe holding gradients from an earlier backward."""
    return replace(draw(forward_cases()), eval_mode=draw(st.booleans()), with_grads=draw(st.booleans()))


@exercise.property("leaves the model's mode and gradients as they were", "hygiene", caller_states(), [
    ForwardCase(tuple(NOTES_MODEL), _t([[1.0, 2.0, 3.0]]), with_grads=True),
    ForwardCase(tuple(NOTES_MODEL), _t([[1.0, 2.0, 3.0]]), eval_mode=True),
], max_examples=FEW)
def model_state_unchanged(ctx: Context, case: ForwardCase) -> None:
    outcome = compare.returned(case, ctx.student.probe("forward_model", **case.data()))
    changed = ["switched the model between train and eval mode"] * outcome["mode_changed"]
    changed += ["cleared or changed the gradients the model held"] * outcome["grads_changed"]
    if changed:
        compare.fail(f"manual_forward {' and '.join(changed)}: the caller's model must come back as it was "
                     "given (a training loop may call it between backward() and the optimizer's step)",
                     "a forward pass only reads the layers: no model.eval() or model.train(), no "
                     "model.zero_grad(), nothing written into p.grad")


# --- devices -----------------------------------------------------------------------------------

properties.keeps_device(exercise, "linear_forward keeps the result on x's device", linear_calls(), LINEAR_TRAPS)


@exercise.probe
def forward_elsewhere(module: ModuleType, device: str, spec: tuple, seed: int, x: TensorValue, strided: bool,
                      shared: tuple = (), tied: tuple = (), eval_mode: bool = False, with_grads: bool = False) -> dict:
    """``manual_forward`` with the model and x on the meta device; only the result's device comes back."""
    x = materialize(x, properties.ELSEWHERE)
    model = _model(spec, properties.ELSEWHERE, x.dtype, shared, tied, eval_mode, with_grads)
    result = module.manual_forward(model, x)
    return {"device": str(result.device) if isinstance(result, torch.Tensor) else None}


@exercise.property("manual_forward keeps the result on x's device", "hygiene", forward_cases(), [
    _case(ALL_LAYERS, torch.arange(8.0).reshape(2, 2, 2) - 4),
    _case([("Linear", 3, 2, False), ("ReLU",), ("Linear", 2, 2, False)], _t([[1.0, 2.0, 3.0]])),
], max_examples=FEW)
def forward_keeps_device(ctx: Context, case: ForwardCase) -> None:
    properties.expect_elsewhere(case, ctx.student.probe("forward_elsewhere", **case.data()))
