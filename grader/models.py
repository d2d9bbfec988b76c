"""Small models as data, so both sides of a check can build the same one.

A model cannot cross into the worker as an object (nothing crosses but
data), so checks describe it as a *spec* -- a list of layer tuples -- plus a
``state_dict``; :func:`build` turns that back into an ``nn.Sequential`` with
exactly those weights on either side. :func:`layer_summary` goes the other
way, describing a student's model as data for structure checks, and
:func:`model_code` / :func:`tree_code` write a model as the Python a student
can paste to rebuild it.

Spec entries: ``("Linear", in, out, bias)``, ``("ReLU",)``, ``("Sigmoid",)``,
``("Tanh",)``, ``("Softmax", dim)``, ``("Flatten", start_dim, end_dim)``,
``("BatchNorm1d", features)``.

Models with structure beyond a chain are *trees* (:func:`build_tree`): the
states a caller's model can really be in -- nested containers of every kind,
one layer object reached twice from anywhere in the tree, a parameter tied
between two distinct layers -- described as data as well.
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

import torch
from hypothesis import strategies as st
from torch import nn

Spec = list[tuple]


def make_layer(entry: tuple) -> nn.Module:
    kind, *args = entry
    if kind == "Linear":
        return nn.Linear(args[0], args[1], bias=args[2])
    if kind == "Softmax":
        return nn.Softmax(dim=args[0])
    if kind == "Flatten":
        return nn.Flatten(*args)
    if kind == "BatchNorm1d":  # parameters and buffers (running statistics) that are not parameters
        return nn.BatchNorm1d(args[0])
    return getattr(nn, kind)()


def build(spec: Spec, state: dict[str, torch.Tensor] | None = None, device: str = "cpu",
          dtype: torch.dtype = torch.float32) -> nn.Sequential:
    """An ``nn.Sequential`` from a spec; with ``state``, exactly those weights."""
    model = nn.Sequential(*(make_layer(tuple(entry)) for entry in spec)).to(dtype)
    if state is not None:
        model.load_state_dict({k: v.detach().clone() for k, v in state.items()})
    return model.to(device)


def reuse(model: nn.Sequential, shared: Any = (), tied: Any = ()) -> nn.Sequential:
    """``model`` with layers reached twice and parameters tied: the states of a chain beyond a plain one.

    ``shared`` holds ``(position, earlier)``: that position holds the very
    layer object at ``earlier``. ``tied`` holds ``(position, earlier, name)``:
    the layer at ``position`` keeps its own object but its parameter ``name``
    becomes the one of the layer at ``earlier``.
    """
    layers = list(model)
    for position, earlier in shared:
        layers[position] = layers[earlier]
    for position, earlier, name in tied:
        setattr(layers[position], name, getattr(layers[earlier], name))
    return nn.Sequential(*layers)


def initial_state(spec: Spec, seed: int, dtype: torch.dtype = torch.float32) -> dict[str, torch.Tensor]:
    """Deterministic starting weights for ``spec``: the same seed, the same model."""
    torch.manual_seed(seed)
    return {k: v.detach().clone() for k, v in build(spec, dtype=dtype).state_dict().items()}


def layer_summary(model: Any) -> list[dict]:
    """The layers of a model as data: type name and the settings checks compare."""
    if not isinstance(model, nn.Module):
        return []
    summary = []
    for layer in model.children():
        entry: dict[str, Any] = {"type": type(layer).__name__}
        if isinstance(layer, nn.Linear):
            entry.update(in_features=layer.in_features, out_features=layer.out_features,
                         bias=layer.bias is not None)
        elif isinstance(layer, nn.Softmax):
            entry["dim"] = layer.dim
        elif isinstance(layer, nn.Flatten):
            entry.update(start_dim=layer.start_dim, end_dim=layer.end_dim)
        summary.append(entry)
    return summary


# --- specs as the Python a student would type ------------------------------------------------


def layer_code(entry: tuple) -> str:
    """One spec entry as the constructor call a student would write."""
    kind, *args = entry
    if kind == "Linear":
        return f"nn.Linear({args[0]}, {args[1]}{'' if args[2] else ', bias=False'})"
    if kind == "Softmax":
        return f"nn.Softmax(dim={args[0]})"
    if kind == "Flatten":
        return f"nn.Flatten({args[0]}, {args[1]})"
    if kind == "BatchNorm1d":
        return f"nn.BatchNorm1d({args[0]})"
    return f"nn.{kind}()"


def model_code(spec: tuple, shared: tuple = ()) -> list[str]:
    """Lines of Python that build ``spec``; a position listed in ``shared`` reuses an earlier layer object."""
    same_as = dict(shared)
    sources = sorted(set(same_as.values()))
    names = {source: "shared" if len(sources) == 1 else f"shared{i}" for i, source in enumerate(sources)}
    lines = [f"{names[source]} = {layer_code(spec[source])}" for source in sources]
    parts = [names.get(same_as.get(i, i)) or layer_code(entry) for i, entry in enumerate(spec)]
    lines.append(f"model = nn.Sequential({', '.join(parts)})")
    return lines


@st.composite
def linear_stacks(draw: st.DrawFn, min_layers: int = 1, max_layers: int = 4, max_width: int = 6,
                  activations: tuple[str, ...] = ("ReLU", "Sigmoid", "Tanh"),
                  bias: st.SearchStrategy[bool] = st.booleans()) -> Spec:
    """Specs of Linear layers, each optionally followed by an activation; widths vary
    so a transposed weight has the wrong shape."""
    widths = draw(st.lists(st.integers(1, max_width), min_size=min_layers + 1, max_size=max_layers + 1))
    spec: Spec = []
    for n_in, n_out in zip(widths, widths[1:]):
        spec.append(("Linear", n_in, n_out, draw(bias)))
        if activations and draw(st.booleans()):
            spec.append((draw(st.sampled_from(activations)),))
    return spec


# --- trees: models with structure beyond a chain ----------------------------------------------

CONTAINERS = ("Sequential", "ModuleList", "ModuleDict", "Block")


class Block(nn.Module):
    """A custom nn.Module holding its layers as attributes part0, part1, ... (no forward: never run, only inspected)."""

    def __init__(self, layers: list[nn.Module]) -> None:
        super().__init__()
        for i, layer in enumerate(layers):
            setattr(self, f"part{i}", layer)


def _container(kind: str, children: list[nn.Module]) -> nn.Module:
    if kind == "Sequential":
        return nn.Sequential(*children)
    if kind == "ModuleList":
        return nn.ModuleList(children)
    if kind == "ModuleDict":
        return nn.ModuleDict({f"m{i}": child for i, child in enumerate(children)})
    return Block(children)


def build_tree(tree: Any, ties: Any = (), device: str = "cpu") -> nn.Module:
    """The model a tree describes.

    A node is a spec entry (a *leaf*, numbered in depth-first order from 0),
    ``(container, [children])`` with ``container`` one of :data:`CONTAINERS`,
    or ``("Same", k)``: leaf ``k``'s layer object again, wherever it sits.
    ``ties`` are ``(source, target, name)``: leaf ``target``'s parameter
    ``name`` becomes the very parameter object of leaf ``source``.
    """
    leaves: list[nn.Module] = []

    def build(node: Any) -> nn.Module:
        kind = node[0]
        if kind == "Same":
            return leaves[node[1]]
        if kind in CONTAINERS:
            return _container(kind, [build(child) for child in node[1]])
        leaves.append(make_layer(tuple(node)))
        return leaves[-1]

    model = build(tree)
    for source, target, name in ties:
        setattr(leaves[target], name, getattr(leaves[source], name))
    return model.to(device)  # moves each parameter object once, so ties and shared layers stay shared


def tree_leaves(tree: Any) -> list[tuple]:
    """The leaves of a tree in depth-first order: the numbering ``("Same", k)`` and ties use."""
    if tree[0] == "Same":
        return []
    if tree[0] in CONTAINERS:
        return [leaf for child in tree[1] for leaf in tree_leaves(child)]
    return [tuple(tree)]


def tree_code(tree: Any, ties: Any = ()) -> list[str]:
    """Lines of Python that build a tree, each leaf as its constructor call (:func:`layer_code`).

    Leaves reached twice or tied get a name (``layer3``) so the lines show
    which objects are the same; a :class:`Block` brings its class definition.
    """
    named = {node[1] for node in _nodes(tree) if node[0] == "Same"}
    named |= {k for source, target, _ in ties for k in (source, target)}
    leaves = tree_leaves(tree)
    lines = [f"layer{k} = {layer_code(leaves[k])}" for k in sorted(named)]
    counter = iter(range(len(leaves)))

    def code(node: Any) -> str:
        kind = node[0]
        if kind == "Same":
            return f"layer{node[1]}"
        if kind not in CONTAINERS:
            k = next(counter)
            return f"layer{k}" if k in named else layer_code(tuple(node))
        children = [code(child) for child in node[1]]
        if kind == "Sequential":
            return f"nn.Sequential({', '.join(children)})"
        if kind == "ModuleList":
            return f"nn.ModuleList([{', '.join(children)}])"
        if kind == "ModuleDict":
            return "nn.ModuleDict({" + ", ".join(f"'m{i}': {c}" for i, c in enumerate(children)) + "})"
        return f"Block([{', '.join(children)}])"

    model = code(tree)
    if "Block(" in model:
        lines[:0] = class_code(Block)
    lines.append(f"model = {model}")
    lines += [f"layer{target}.{name} = layer{source}.{name}" for source, target, name in ties]
    return lines


def class_code(cls: type) -> list[str]:
    """The grader's own definition of ``cls`` as lines a student can paste before a model that uses it.

    A snippet must rebuild the very structure a check built, and a custom
    container is part of that structure, so its class comes along -- its
    real source, not a description. Blank lines are left out: in the
    interactive interpreter a blank line ends the class body being pasted.
    """
    return [line for line in textwrap.dedent(inspect.getsource(cls)).splitlines() if line.strip()]


def _nodes(tree: Any) -> list:
    if tree[0] in CONTAINERS:
        return [tree] + [node for child in tree[1] for node in _nodes(child)]
    return [tree]


def nest(draw: st.DrawFn, entries: list, depth: int, containers: tuple[str, ...] = CONTAINERS) -> list:
    """Cut consecutive entries into groups, some wrapped in a container of a drawn kind, ``depth`` levels down."""
    if depth == 0 or len(entries) < 2:
        return entries
    nested: list = []
    start = 0
    while start < len(entries):
        size = draw(st.integers(1, len(entries) - start))
        group, start = entries[start:start + size], start + size
        if draw(st.booleans()):
            nested.append((draw(st.sampled_from(containers)), nest(draw, group, depth - 1, containers)))
        else:
            nested.extend(group)
    return nested


@st.composite
def trees(draw: st.DrawFn, max_layers: int = 4) -> tuple[tuple, tuple]:
    """``(tree, ties)``: Linear layers (bias or not), activations and BatchNorm1d nested up to 3 deep
    in containers of every kind, maybe one layer object reached again from another sub-block at
    another depth, maybe a parameter tied between two distinct Linear layers of the same shape."""
    entries: list = []
    for entry in draw(linear_stacks(1, max_layers, max_width=5)):
        entries.append(tuple(entry))
        if entry[0] == "Linear" and draw(st.integers(0, 3)) == 0:
            entries.append(("BatchNorm1d", entry[2]))
    linears = [k for k, entry in enumerate(entries) if entry[0] == "Linear"]
    ties: list = []
    if draw(st.booleans()):  # a twin of a Linear, sharing its weight (and maybe its bias)
        source = draw(st.sampled_from(linears))
        entries.append(entries[source])
        ties.append((source, len(entries) - 1, "weight"))
        if entries[source][3] and draw(st.booleans()):
            ties.append((source, len(entries) - 1, "bias"))
    nested = nest(draw, entries, 2)
    if draw(st.booleans()):  # the same layer object again, in a new sub-block 1 or 2 deep
        again: Any = ("Same", draw(st.integers(0, len(entries) - 1)))
        for _ in range(draw(st.integers(1, 2))):
            again = (draw(st.sampled_from(CONTAINERS)), [again])
        nested.append(again)
    return (draw(st.sampled_from(CONTAINERS)), nested), tuple(ties)
