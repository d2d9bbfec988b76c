"""Small models as data, so both sides of a check can build the same one.

A model cannot cross into the worker as an object (nothing crosses but
data), so checks describe it as a *spec* -- a list of layer tuples -- plus a
``state_dict``; :func:`build` turns that back into an ``nn.Sequential`` with
exactly those weights on either side. :func:`layer_summary` goes the other
way, describing a student's model as data for structure checks.

Spec entries: ``("Linear", in, out, bias)``, ``("ReLU",)``, ``("Sigmoid",)``,
``("Tanh",)``, ``("Softmax", dim)``, ``("Flatten", start_dim, end_dim)``.
"""

from __future__ import annotations

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
    return getattr(nn, kind)()


def build(spec: Spec, state: dict[str, torch.Tensor] | None = None, device: str = "cpu",
          dtype: torch.dtype = torch.float32) -> nn.Sequential:
    """An ``nn.Sequential`` from a spec; with ``state``, exactly those weights."""
    model = nn.Sequential(*(make_layer(tuple(entry)) for entry in spec)).to(dtype)
    if state is not None:
        model.load_state_dict({k: v.detach().clone() for k, v in state.items()})
    return model.to(device)


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
