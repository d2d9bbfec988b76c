"""Values crossing the line between the grader and the student's worker.

The worker runs untrusted code, so nothing it sends may be unpickled as
arbitrary objects. Every value is first *encoded* into plain data built from
``None``, ``bool``, ``int``, ``float``, ``str``, ``dict``, ``list`` and plain
CPU tensors, serialised with ``torch.save`` and read back with
``torch.load(..., weights_only=True)``, which refuses anything else.

Encoding keeps exactly what the checks need to judge a value (a tensor's
dtype, device, ``requires_grad``, whether it has a ``grad_fn``; a Python
value's exact type) and turns anything else -- an ``int`` subclass, a tensor
subclass with lying comparisons, a NumPy scalar -- into an :class:`Opaque`
that records only its type name and a short repr, so it can never compare
equal to a real answer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import torch

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_REPR_LIMIT = 300


@dataclass(frozen=True)
class TensorValue:
    """A tensor as the grader sees it: values on the CPU plus where it lived."""

    data: torch.Tensor
    device: str
    requires_grad: bool
    has_grad_fn: bool
    is_parameter: bool

    @property
    def dtype(self) -> torch.dtype:
        return self.data.dtype

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.data.shape)


@dataclass(frozen=True)
class Opaque:
    """Something that is not plain data: only its type and repr come back."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException:  # a student's __repr__ may raise anything
        text = "<repr failed>"
    if not isinstance(text, str):
        text = "<repr returned a non-string>"
    return text if len(text) <= _REPR_LIMIT else text[:_REPR_LIMIT] + "..."


def _type_name(value: Any) -> str:
    cls = type(value)
    module = getattr(cls, "__module__", "?")
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def encode(value: Any, _depth: int = 0) -> Any:
    """Turn ``value`` into plain data; exact types only, everything else opaque."""
    if _depth > 20:
        return {"kind": "opaque", "type": _type_name(value), "repr": "<nested too deeply>"}
    cls = type(value)
    if value is None or cls in (bool, int, float, str):
        return value
    if cls is torch.Tensor or cls is torch.nn.Parameter:
        if value.layout != torch.strided or value.is_quantized or value.is_meta:
            return {"kind": "opaque", "type": f"tensor with layout {value.layout}", "repr": ""}
        data = value.detach().to("cpu").clone(memory_format=torch.contiguous_format)
        return {
            "kind": "tensor",
            "data": data,
            "device": str(value.device),
            "requires_grad": bool(value.requires_grad),
            "has_grad_fn": value.grad_fn is not None,
            "is_parameter": cls is torch.nn.Parameter,
        }
    if cls in (list, tuple, torch.Size):
        items = [encode(item, _depth + 1) for item in value]
        return {"kind": "list" if cls is list else "tuple", "items": items}
    if cls is dict or cls.__name__ == "OrderedDict" and cls.__module__ == "collections":
        keys = list(value.keys())
        if all(type(k) in (str, int) for k in keys):
            return {"kind": "dict", "items": [[k, encode(value[k], _depth + 1)] for k in keys]}
    return {"kind": "opaque", "type": _type_name(value), "repr": _safe_repr(value)}


class ProtocolError(Exception):
    """The worker sent something that is not a well-formed message."""


def decode(data: Any) -> Any:
    """Inverse of :func:`encode`: plain data to grader-side values."""
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is not dict or "kind" not in data:
        raise ProtocolError(f"unexpected {type(data).__name__} in a message")
    kind = data["kind"]
    if kind == "tensor":
        tensor = data["data"]
        if type(tensor) is not torch.Tensor:
            raise ProtocolError("tensor payload is not a tensor")
        return TensorValue(
            tensor,
            str(data["device"]),
            bool(data["requires_grad"]),
            bool(data["has_grad_fn"]),
            bool(data["is_parameter"]),
        )
    if kind == "list":
        return [decode(item) for item in data["items"]]
    if kind == "tuple":
        return tuple(decode(item) for item in data["items"])
    if kind == "dict":
        return {key: decode(value) for key, value in data["items"]}
    if kind == "opaque":
        return Opaque(str(data["type"]), str(data["repr"]))
    raise ProtocolError(f"unknown value kind {kind!r}")


def dumps(message: Any) -> bytes:
    """Serialise an already-encoded message."""
    buffer = io.BytesIO()
    torch.save(message, buffer)
    return buffer.getvalue()


def loads(blob: bytes) -> Any:
    """Read a message without executing code: ``weights_only`` refuses objects."""
    try:
        return torch.load(io.BytesIO(blob), weights_only=True, map_location="cpu")
    except Exception as exc:
        raise ProtocolError(f"unreadable message: {exc}") from None
