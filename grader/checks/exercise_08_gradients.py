"""Checks for exercise-08 · layers and gradients.

A model cannot cross into the worker as an object, so checks describe it as a
*tree*: a leaf is a :mod:`grader.models` spec entry (``("Linear", 3, 2,
True)``, ``("ReLU",)``, ...) and a container is ``(kind, [children])`` with
``kind`` one of

* ``"Sequential"`` -- an ``nn.Sequential``;
* ``"Stack"`` -- an ``nn.Module`` keeping its layers in an ``nn.ModuleList``;
* ``"Block"`` -- an ``nn.Module`` keeping its layers as attributes
  ``part0``, ``part1``, ...;
* ``"Lookup"`` -- an ``nn.Module`` keeping its layers in an
  ``nn.ModuleDict``.

Two more leaves model what real models do with one layer: ``("Same", k)``
uses the k-th Linear again (one object at two places, in one container or
in two sub-blocks at any depth, which ``model.modules()`` lists once and a
recursion over ``children()`` finds twice), and ``("Tied", k, bias)`` is a
new Linear whose weight *is* the k-th's (one Parameter read through two
layers, so a gradient taken away from the first is missing from the second).

Both sides build the same tree after ``torch.manual_seed(seed)``, so they
hold the same weights. The trees are a :func:`grader.models.linear_stacks`
chain cut into nested groups, so every model runs forward, and a Linear
often comes after a container at the same level, where a breadth-first
search and ``model.modules()`` disagree on the order.

Identity (``result[i] is the_layer``) and aliasing (does an earlier result
change when ``layer_gradients`` is called again) can only be seen in the
worker, so the probes record them as data: each returned layer is named by
the module of the model it *is* or, failing that, is an exact copy of; each
call's gradients are cloned right after the call, and the live results are
encoded again only once every call is done.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn

from grader import compare, models
from grader import strategies as S
from grader.exercise import Context, Exercise, Outcome
from grader.probes import materialize
from grader.wire import TensorValue

exercise = Exercise(
    title="Layers and gradients",
    functions=["linear_layers", "layer_gradients"],
    hints=[
        "model.modules() visits the model itself and every submodule at any depth -- inside an "
        "nn.Sequential in an nn.Sequential, an nn.ModuleList, or attributes of your own nn.Module -- "
        "in the order the task asks for: keep those that are isinstance(m, nn.Linear). "
        "model.children() sees only one level.",
        "Return the layers themselves, not copy.deepcopy(layer) or a new nn.Linear: the caller "
        "wants to read and change the model's own weights and gradients through them.",
        "layer_gradients: loss = nn.CrossEntropyLoss()(model(sample), target); loss.backward(); "
        "then for each layer of linear_layers(model) take layer.weight.grad and layer.bias.grad "
        "(None when layer.bias is None).",
        "backward() adds to whatever .grad already holds: clear the old gradients *before* the "
        "backward, with model.zero_grad(), or the result depends on every earlier call.",
        "Return copies, layer.weight.grad.clone(): p.grad.zero_() and backward() write into the "
        "same .grad tensor, so a result that is that tensor changes at the next call. Do not step "
        "an optimizer: reading gradients must leave the weights as they were.",
    ],
)

CONTAINERS = ("Sequential", "Stack", "Block", "Lookup")
DTYPES = {"float32": torch.float32, "float64": torch.float64}
JUNK = 7.0  # what "leftover" gradients hold before the first call


# --- the models ------------------------------------------------------------


class Stack(nn.Module):
    """An nn.Module keeping its layers in an nn.ModuleList and running them in order."""

    def __init__(self, layers: list[nn.Module]) -> None:
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


class Block(nn.Module):
    """An nn.Module keeping its layers as attributes part0, part1, ... and running them in order."""

    def __init__(self, layers: list[nn.Module]) -> None:
        super().__init__()
        self.count = len(layers)
        for i, layer in enumerate(layers):
            setattr(self, f"part{i}", layer)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # By name, not children(): a layer held twice is one child, but runs twice.
        for i in range(self.count):
            x = getattr(self, f"part{i}")(x)
        return x


class Lookup(nn.Module):
    """An nn.Module keeping its layers in an nn.ModuleDict under "a", "b", ... and running them in that order."""

    def __init__(self, layers: list[nn.Module]) -> None:
        super().__init__()
        self.table = nn.ModuleDict({chr(ord("a") + i): layer for i, layer in enumerate(layers)})

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.table.values():
            x = layer(x)
        return x


# Leaves beyond grader.models' spec entries, for layers shared between places of one model:
# ("Same", k) is the k-th Linear built so far (in the order the tree lists them), used once more;
# ("Tied", k, bias) is a new nn.Linear shaped like the k-th whose weight *is* the k-th's weight.
SAME, TIED = "Same", "Tied"
CONTAINER_CLASSES = {"Stack": Stack, "Block": Block, "Lookup": Lookup}


def _is_container(node: tuple) -> bool:
    return node[0] in CONTAINERS


def _build(node: tuple, built: list[nn.Linear]) -> nn.Module:
    """The module of ``node``; ``built`` collects the Linear layers made so far, for references."""
    kind = node[0]
    if kind == SAME:
        return built[node[1]]
    if kind == TIED:
        source = built[node[1]]
        layer = nn.Linear(source.in_features, source.out_features, bias=node[2])
        layer.weight = source.weight
    elif not _is_container(node):
        layer = models.make_layer(tuple(node))
    else:
        children = [_build(child, built) for child in node[1]]
        return nn.Sequential(*children) if kind == "Sequential" else CONTAINER_CLASSES[kind](children)
    if isinstance(layer, nn.Linear):
        built.append(layer)
    return layer


def build_model(tree: tuple, seed: int, dtype: str, device: str) -> nn.Module:
    """The model of ``tree``, with the weights ``torch.manual_seed(seed)`` gives it."""
    # Layers are initialised on the CPU: as torch.manual_seed(seed), without its deferred
    # seeding of every accelerator (a captured stack each call, most of a small probe's time).
    torch.default_generator.manual_seed(seed)
    return _build(tree, []).to(DTYPES[dtype]).to(device)


def _leaves(node: tuple) -> list[tuple]:
    """The leaves of a tree in the order the model runs (and builds) them."""
    if not _is_container(node):
        return [node]
    return [leaf for child in node[1] for leaf in _leaves(child)]


def _layer_shapes(tree: tuple) -> list[tuple[int, int]]:
    """(in, out) of each Linear in the order the model runs them, a shared one at each of its places."""
    built: list[tuple[int, int]] = []
    shapes = []
    for leaf in _leaves(tree):
        if leaf[0] == "Linear":
            built.append((leaf[1], leaf[2]))
        elif leaf[0] == TIED:
            built.append(built[leaf[1]])
        elif leaf[0] != SAME:
            continue
        shapes.append(built[leaf[1]] if leaf[0] == SAME else built[-1])
    return shapes


class _Renderer:
    """Python lines building a tree, which a student can paste to get the very model a check built.

    A layer used again later is named where it is first built (``shared1``);
    a tied layer is built at its place like any other, so the seeded weights
    come out the same, and gets the source's weight in a statement after the
    model. The custom containers come with their class definitions.
    """

    def __init__(self, tree: tuple) -> None:
        leaves = _leaves(tree)
        self.reused = {leaf[1] for leaf in leaves if leaf[0] in (SAME, TIED)}
        self.shapes: list[tuple[int, int]] = []  # (in, out) of each Linear built so far
        self.ties: list[str] = []
        self.kinds: set[str] = set()

    def layer(self, node: tuple) -> str:
        kind = node[0]
        if kind == SAME:
            return f"shared{node[1]}"
        if kind not in ("Linear", TIED):
            return f"nn.{kind}()"
        index = len(self.shapes)
        self.shapes.append(self.shapes[node[1]] if kind == TIED else (node[1], node[2]))
        n_in, n_out = self.shapes[-1]
        bias = node[2] if kind == TIED else node[3]
        name = f"shared{index}" if index in self.reused else f"tied{index}"
        if kind == TIED:
            self.ties.append(f"{name}.weight = shared{node[1]}.weight")
        text = f"nn.Linear({n_in}, {n_out}{'' if bias else ', bias=False'})"
        return f"({name} := {text})" if kind == TIED or index in self.reused else text

    def render(self, node: tuple) -> str:
        if not _is_container(node):
            return self.layer(node)
        children = ", ".join(self.render(child) for child in node[1])
        if node[0] == "Sequential":
            return f"nn.Sequential({children})"
        self.kinds.add(node[0])
        return f"{node[0]}([{children}])"

    def lines(self, tree: tuple, seed: int, dtype: str) -> list[str]:
        model = self.render(tree)
        classes = [line for kind in CONTAINERS if kind in self.kinds
                   for line in models.class_code(CONTAINER_CLASSES[kind])]
        cast = ["model = model.double()"] if dtype == "float64" else []
        return [*classes, f"torch.manual_seed({seed})", f"model = {model}", *self.ties, *cast]


MODEL_NOTE = "(a layer named sharedK is the same object at each place it appears)"


@dataclass(frozen=True)
class ModelCase:
    """A model for ``linear_layers``: a tree built after ``torch.manual_seed(seed)``."""

    tree: tuple
    seed: int = 0
    dtype: str = "float32"
    function = "linear_layers"

    def model_text(self) -> str:
        return "\n".join(_Renderer(self.tree).lines(self.tree, self.seed, self.dtype))

    def __str__(self) -> str:
        return f"{self.model_text()}\nlinear_layers(model)"


@dataclass(frozen=True)
class GradientCase:
    """A model, a batch and its class indices for ``layer_gradients``; a second batch for a later call."""

    tree: tuple
    seed: int
    dtype: str
    sample: torch.Tensor
    target: torch.Tensor
    function = "layer_gradients"

    @property
    def model(self) -> ModelCase:
        return ModelCase(self.tree, self.seed, self.dtype)

    def other_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """A batch surely different from this one, for a later call."""
        classes = _layer_shapes(self.tree)[-1][1]
        return 1.0 - self.sample, (self.target + 1) % classes

    def __str__(self) -> str:
        return (f"{self.model.model_text()}\n"
                f"layer_gradients(model, {compare.show(self.sample)}, {compare.show(self.target)})")


@st.composite
def trees(draw: st.DrawFn) -> tuple:
    """A chain of 1 to 4 Linear layers (bias or not, activations between) nested up to 3 deep; at times a
    square Linear inserted after one of them is used again a little later, as itself or tied to a new layer."""
    entries = [tuple(entry) for entry in draw(models.linear_stacks(1, 4, max_width=5))]
    reuse = draw(st.sampled_from([None, SAME, TIED]))
    if reuse is not None:
        at = draw(st.sampled_from([i for i, entry in enumerate(entries) if entry[0] == "Linear"]))
        width = entries[at][2]
        index = sum(1 for entry in entries[:at + 1] if entry[0] == "Linear")  # the square layer's
        between = [(draw(st.sampled_from(["ReLU", "Tanh"])),)] if draw(st.booleans()) else []
        again = (SAME, index) if reuse == SAME else (TIED, index, draw(st.booleans()))
        entries[at + 1:at + 1] = [("Linear", width, width, draw(st.booleans())), *between, again]
    return (draw(st.sampled_from(CONTAINERS)), models.nest(draw, entries, 2, CONTAINERS))


@st.composite
def model_cases(draw: st.DrawFn) -> ModelCase:
    return ModelCase(draw(trees()), draw(st.integers(0, 99)), draw(st.sampled_from(list(DTYPES))))


@st.composite
def gradient_cases(draw: st.DrawFn) -> GradientCase:
    case = draw(model_cases())
    shapes = _layer_shapes(case.tree)
    classes = shapes[-1][1]
    batch = draw(st.integers(1, 4))
    sample = draw(S.float_tensors((batch, shapes[0][0]), DTYPES[case.dtype], magnitude=10.0))
    target = draw(S.int_tensors((batch,), 0, classes - 1))
    return GradientCase(case.tree, case.seed, case.dtype, sample, target)


def L(n_in: int, n_out: int, bias: bool = True) -> tuple:
    """A Linear leaf of a tree, short enough to keep the trap trees below readable."""
    return ("Linear", n_in, n_out, bias)


RELU, TANH = ("ReLU",), ("Tanh",)
NOTES_TREE = ("Sequential", [L(3, 2), RELU, ("Sequential", [L(2, 2), L(2, 3, False)])])
TREES = [
    NOTES_TREE,  # the course notes' example
    ("Sequential", [("Sequential", [L(3, 4), RELU]), L(4, 2)]),  # a Linear after a nested Sequential
    ("Block", [L(2, 3), TANH, ("Stack", [L(3, 3, False), RELU, L(3, 2)])]),  # attributes and a ModuleList
    ("Stack", [("Block", [L(4, 3)]), ("Sequential", [("Sequential", [L(3, 5, False)])]), L(5, 3)]),  # 3 deep
    L(3, 2),  # the model itself is the only Linear
    # one layer object in two sub-blocks, the second use 3 deep: model.modules() lists it once
    ("Sequential", [L(2, 3), ("Block", [L(3, 3), RELU]), ("Stack", [("Sequential", [(SAME, 1)])]), L(3, 2)]),
    ("Sequential", [L(2, 4), L(4, 4), TANH, (SAME, 1), L(4, 3)]),  # one layer object twice in one Sequential
    ("Lookup", [L(3, 3), RELU, (TIED, 0, False), ("Sequential", [L(3, 2)])]),  # a tied weight, an nn.ModuleDict
]
MODEL_TRAPS = [ModelCase(tree, seed) for seed, tree in enumerate(TREES)] + [ModelCase(TREES[2], 5, "float64")]


def _batch(tree: tuple, rows: list[list[float]], target: list[int], dtype: str = "float32") -> GradientCase:
    return GradientCase(tree, 0, dtype, torch.tensor(rows, dtype=DTYPES[dtype]), torch.tensor(target))


TIED_TRAP = _batch(TREES[7], [[1.0, 2.0, -1.0], [0.0, -0.5, 1.5]], [1, 0], "float64")
GRADIENT_TRAPS = [
    _batch(NOTES_TREE, [[0.5, -1.0, 2.0], [1.0, 0.0, -3.0], [2.0, 1.0, 0.5], [-1.0, 2.0, 1.0]], [0, 2, 1, 2]),
    _batch(TREES[1], [[1.0, -2.0, 0.5]], [1]),  # a batch of one, the last class
    _batch(TREES[2], [[0.3, -0.7], [2.0, 1.5]], [1, 0], "float64"),
    _batch(TREES[3], [[1.0, 2.0, -1.0, 0.5], [-0.5, 0.0, 3.0, 1.0]], [2, 0]),
    _batch(TREES[4], [[4.0, -1.0, 0.5], [0.0, 2.0, -2.0]], [1, 1]),
    _batch(TREES[5], [[1.0, -1.0], [0.5, 2.0], [-2.0, 0.0]], [1, 0, 1]),
    _batch(TREES[6], [[0.5, -1.5], [1.0, 1.0]], [2, 0]),
    TIED_TRAP,
    # logits over a hundred apart: a softmax probability underflows to 0, and a cross-entropy written
    # by hand as -log(softmax(...)) is inf, its gradients nan; nn.CrossEntropyLoss stays finite
    _batch(("Stack", [L(3, 3, False)]), [[900.0, -600.0, 300.0], [-750.0, 450.0, 1200.0], [1.0, 2.0, -1.0]],
           [0, 2, 1]),
]


# --- probes (run in the student's worker, and locally for the reference) ---


def _type_name(value: Any) -> str:
    return type(value).__name__


def _owner_name(item: Any, model: nn.Module) -> tuple[str | None, bool]:
    """The model's name for the layer ``item`` is, or is an exact copy of; and whether it is that layer."""
    for name, layer in model.named_modules():
        if item is layer:
            return name or "(the model itself)", True
    if not isinstance(item, nn.Linear):
        return None, False
    for name, layer in model.named_modules():
        if (isinstance(layer, nn.Linear) and item.weight.shape == layer.weight.shape
                and (item.bias is None) == (layer.bias is None)
                and all(torch.equal(a.detach().to(b.device), b.detach())
                        for a, b in zip(item.parameters(), layer.parameters()))):
            return name or "(the model itself)", False
    return None, False


@exercise.probe
def layers_found(module, device: str, tree: tuple, seed: int, dtype: str) -> dict:
    """What ``linear_layers`` returned: its type and, per item, the model's name for it and its identity."""
    model = build_model(tree, seed, dtype, device)
    result = module.linear_layers(model)
    if type(result) not in (list, tuple):
        return {"kind": _type_name(result), "names": None, "own": None, "types": None}
    owners = [_owner_name(item, model) for item in result]
    return {
        "kind": _type_name(result),
        "names": [name for name, _ in owners],
        "own": [own for _, own in owners],
        "types": [_type_name(item) for item in result],
    }


def _pairs(result: Any) -> Any:
    """The result with any list/tuple outside and any 2-item list/tuple inside read as a list of tuples."""
    if type(result) not in (list, tuple):
        return result
    return [tuple(item) if type(item) in (list, tuple) else item for item in result]


def _snapshot(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if type(value) in (list, tuple):
        return type(value)(_snapshot(item) for item in value)
    return value


@exercise.probe
def gradients_run(module, device: str, tree: tuple, seed: int, dtype: str, batches: list,
                  leftovers: bool = False, twins: bool = False) -> dict:
    """Call ``layer_gradients`` once per batch on one model.

    ``snapshots`` holds each call's result copied right after that call;
    ``results`` the same results as they are after every call (encoded when
    the probe returns). With ``leftovers`` every ``.grad`` first holds
    :data:`JUNK`, as after an earlier backward. With ``twins``, before each
    call the student's function also runs on a copy of the model as it is
    then, with no gradients at all: ``twins`` holds those results, what the
    call should give if nothing left over leaked in.
    """
    model = build_model(tree, seed, dtype, device)
    if leftovers:
        for parameter in model.parameters():
            parameter.grad = torch.full_like(parameter, JUNK)
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    results, snapshots, twin_results = [], [], []
    for sample, target in batches:
        if twins:
            twin = copy.deepcopy(model)
            twin.zero_grad(set_to_none=True)
            twin_result = module.layer_gradients(twin, materialize(sample, device), materialize(target, device))
            twin_results.append(_snapshot(_pairs(twin_result)))
        result = _pairs(module.layer_gradients(model, materialize(sample, device), materialize(target, device)))
        results.append(result)
        snapshots.append(_snapshot(result))
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return {
        "snapshots": snapshots,
        "results": results,
        "twins": twin_results,
        "changed": [name for name, p in model.named_parameters() if not torch.equal(p.detach(), before[name])],
        "shapes": [[list(layer.weight.shape), None if layer.bias is None else list(layer.bias.shape)]
                   for layer in linears],
    }


# --- helpers for the verdicts ------------------------------------------------


def _student_only(ctx: Context, case: Any, probe: str, **data: Any) -> dict:
    return compare.returned(case, ctx.student.probe(probe, **data)).observed


def _both(ctx: Context, case: Any, probe: str, **data: Any) -> tuple[dict, dict]:
    """(student's, reference's) observations of the same probe."""
    reference: Outcome = ctx.reference.probe(probe, **data)
    if reference.raised:
        raise RuntimeError(f"the reference failed on {case}: {reference.raised.describe()}")
    return _student_only(ctx, case, probe, **data), reference.observed


def _model_data(case: ModelCase | GradientCase) -> dict:
    return {"tree": case.tree, "seed": case.seed, "dtype": case.dtype}


def _gradients(ctx: Context, case: GradientCase, batches: list, student_only: bool = False,
               **options: bool) -> Any:
    data = {**_model_data(case), "batches": batches, **options}
    if student_only:
        return _student_only(ctx, case, "gradients_run", **data)
    return _both(ctx, case, "gradients_run", **data)


def _names(names: list) -> str:
    return "[" + ", ".join("<not a layer of the model>" if n is None else repr(n) for n in names) + "]"


# --- linear_layers -------------------------------------------------------------


@exercise.property("linear_layers lists every nn.Linear in model.modules() order", "differential",
                   model_cases(), MODEL_TRAPS)
def finds_every_linear(ctx: Context, case: ModelCase) -> None:
    student, reference = _both(ctx, case, "layers_found", **_model_data(case))
    if student["kind"] != "list":
        compare.fail(f"linear_layers must return a list; you returned a {student['kind']}")
    if student["names"] != reference["names"]:
        compare.fail("expected the layers (named as model.named_modules() names them): "
                     f"{_names(reference['names'])}",
                     f"you returned: {_names(student['names'])}",
                     f"your items' types: {student['types']}" if None in student["names"] else "",
                     "every nn.Linear at any depth counts, in the order model.modules() visits them "
                     + MODEL_NOTE)


@exercise.property("linear_layers returns the model's own layers, not copies", "invariant",
                   model_cases(), MODEL_TRAPS[:3], max_examples=15)
def returns_own_layers(ctx: Context, case: ModelCase) -> None:
    found = _student_only(ctx, case, "layers_found", **_model_data(case))
    copies = [f"result[{i}] (a copy of {name!r})"
              for i, (name, own) in enumerate(zip(found["names"] or [], found["own"] or []))
              if name is not None and not own]
    if copies:
        compare.fail(f"these items are copies, not the model's layers: {', '.join(copies)}",
                     "return the layer objects themselves (linear_layers(model)[i] is the model's layer), "
                     "so that the caller reaches the model's own weights and gradients through them")


# --- layer_gradients -----------------------------------------------------------


@exercise.property("layer_gradients matches the reference's gradients", "differential",
                   gradient_cases(), GRADIENT_TRAPS)
def matches_reference_gradients(ctx: Context, case: GradientCase) -> None:
    student, reference = _gradients(ctx, case, [(case.sample, case.target)])
    got, expected = student["snapshots"][0], reference["snapshots"][0]
    found = compare.difference(got, expected)
    if found:
        compare.fail(f"expected: {compare.show(expected)}",
                     f"you returned: {compare.show(got)}",
                     found,
                     "one (weight.grad, bias.grad) pair per nn.Linear, for the loss "
                     "nn.CrossEntropyLoss()(model(sample), target) " + MODEL_NOTE)


def _same_as_without_leftovers(student: dict, call: int, problem: str) -> None:
    got, clean = student["snapshots"][call], student["twins"][call]
    found = compare.difference(got, clean)
    if found:
        compare.fail(problem,
                     f"without leftover gradients your function returns: {compare.show(clean)}",
                     f"with them it returned: {compare.show(got)}",
                     found.replace("expected", "without leftovers").replace("you returned", "with them"))


@exercise.property("old gradients do not leak in: two calls in a row give the same values", "invariant",
                   gradient_cases(), GRADIENT_TRAPS[:3] + [TIED_TRAP], max_examples=15)
def no_leftover_gradients(ctx: Context, case: GradientCase) -> None:
    batch = (case.sample, case.target)
    student = _gradients(ctx, case, [batch, batch], student_only=True, leftovers=True, twins=True)
    _same_as_without_leftovers(
        student, 0, f"before this call every .grad of the model held {JUNK}, left over from an earlier "
        "backward, and your result includes it: clear the gradients before backward()")
    _same_as_without_leftovers(
        student, 1, "calling layer_gradients a second time with the same batch gave other values: the "
        "gradients of the first call were added to the second's; clear them before backward()")


@exercise.property("an earlier result keeps its values after another call", "invariant",
                   gradient_cases(), GRADIENT_TRAPS[:2], max_examples=10)
def earlier_result_kept(ctx: Context, case: GradientCase) -> None:
    student = _gradients(ctx, case, [(case.sample, case.target), case.other_batch()], student_only=True)
    later, then = student["results"][0], student["snapshots"][0]
    found = compare.difference(later, then)
    if found:
        other_sample, other_target = case.other_batch()
        compare.fail("after a second call, layer_gradients(model, "
                     f"{compare.show(other_sample)}, {compare.show(other_target)}), the result of the first "
                     f"call had changed: {found.replace('you returned', 'it now holds')}",
                     "you returned the .grad tensors themselves, and the next call wrote into them "
                     "(p.grad.zero_() and backward() work in place): return copies, e.g. p.grad.clone()")


@exercise.property("one (weight_grad, bias_grad) pair per nn.Linear, bias_grad None without bias",
                   "structure", gradient_cases(), GRADIENT_TRAPS, max_examples=10)
def one_pair_per_layer(ctx: Context, case: GradientCase) -> None:
    student = _gradients(ctx, case, [(case.sample, case.target)], student_only=True)
    got, shapes = student["snapshots"][0], student["shapes"]
    if type(got) is not list:
        compare.fail(f"layer_gradients must return a list of pairs; you returned {compare.kind_of(got)}")
    if len(got) != len(shapes):
        compare.fail(f"the model has {len(shapes)} nn.Linear layers; you returned {len(got)} items")
    for i, (pair, (weight_shape, bias_shape)) in enumerate(zip(got, shapes)):
        if type(pair) is not tuple or len(pair) != 2:
            compare.fail(f"item {i} must be a pair (weight_grad, bias_grad); you returned {compare.show(pair)}")
        weight, bias = pair
        if not isinstance(weight, TensorValue) or list(weight.shape) != weight_shape:
            compare.fail(f"item {i}: weight_grad must be a tensor shaped like the layer's weight, "
                         f"{tuple(weight_shape)}; you returned {compare.show(weight)}")
        if bias_shape is None and bias is not None:
            compare.fail(f"item {i}: that layer has no bias (bias=False), so bias_grad must be None; "
                         f"you returned {compare.show(bias)}")
        if bias_shape is not None and (not isinstance(bias, TensorValue) or list(bias.shape) != bias_shape):
            compare.fail(f"item {i}: bias_grad must be a tensor shaped like the layer's bias, "
                         f"{tuple(bias_shape)}; you returned {compare.show(bias)}")


@exercise.property("layer_gradients leaves the weights unchanged", "hygiene", gradient_cases(), GRADIENT_TRAPS[:2],
                   max_examples=10)
def weights_unchanged(ctx: Context, case: GradientCase) -> None:
    student = _gradients(ctx, case, [(case.sample, case.target)], student_only=True)
    if student["changed"]:
        compare.fail(f"after layer_gradients these parameters had changed: {', '.join(student['changed'])}",
                     "reading the gradients must not train the model: no optimizer step, no in-place "
                     "change of a weight")
