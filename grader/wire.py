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
    strides: tuple[int, ...] | None = None  # the original memory layout, when it was dense but not contiguous

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


def dense_strides(shape: tuple[int, ...], strides: tuple[int, ...]) -> list[int] | None:
    """``strides`` if they lay ``shape`` out densely (a permutation of a contiguous
    layout, every element once), else None: only such layouts are rebuilt."""
    if len(strides) != len(shape) or any(type(s) is not int or s < 0 for s in strides):
        return None
    expected = 1
    for stride, size in sorted(zip(strides, shape)):
        if size == 1:
            continue
        if stride != expected:
            return None
        expected *= size
    return list(strides)


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
            # Kept so that a transposed input reaches the student's code as a
            # transposed view: code that assumes .view()-able memory must meet it.
            "strides": None if value.is_contiguous() else dense_strides(tuple(value.shape), tuple(value.stride())),
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


_MAX_DEPTH = 32
_TENSOR_FIELDS = {"kind", "data", "device", "requires_grad", "has_grad_fn", "is_parameter", "strides"}


def _fields(data: dict, expected: set[str]) -> None:
    if set(data) != expected:
        raise ProtocolError(f"malformed {data.get('kind')!r} value")


def _string(value: Any, limit: int) -> str:
    if type(value) is not str:
        raise ProtocolError("expected a string")
    return value if len(value) <= limit else value[:limit] + "..."


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ProtocolError("expected a bool")
    return value


def _items(data: dict) -> list:
    items = data["items"]
    if type(items) is not list:
        raise ProtocolError("items are not a list")
    return items


def _checked_tensor(tensor: Any) -> torch.Tensor:
    """A tensor the grader can afford to read: plain, dense, CPU, no bigger than its bytes.

    ``torch.load`` rebuilds a tensor from the sizes and strides written in
    the message; a forged one with zero strides can claim terabytes over a
    one-element storage, which any comparison would then try to allocate.
    """
    if type(tensor) is not torch.Tensor:
        raise ProtocolError("tensor payload is not a tensor")
    if tensor.layout != torch.strided or tensor.is_quantized or tensor.device.type != "cpu":
        raise ProtocolError("tensor payload is not a dense CPU tensor")
    if tensor.requires_grad or tensor.grad_fn is not None:
        raise ProtocolError("tensor payload carries autograd state")
    if not tensor.is_contiguous() or tensor.numel() * tensor.element_size() > MAX_MESSAGE_BYTES:
        raise ProtocolError("tensor payload is larger than its data")
    return tensor


def decode(data: Any, _depth: int = 0) -> Any:
    """Inverse of :func:`encode`: plain data to grader-side values.

    What arrives was written by a process the student controls, so every
    field's type is checked, strings that end up in a report are cut short,
    nesting is bounded, and tensors must hold the data they claim.
    """
    if data is None or type(data) in (bool, int, float, str):
        return data
    if _depth > _MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if type(data) is not dict or "kind" not in data:
        raise ProtocolError(f"unexpected {type(data).__name__} in a message")
    kind = data["kind"]
    if kind == "tensor":
        _fields(data, _TENSOR_FIELDS)
        tensor = _checked_tensor(data["data"])
        strides = data["strides"]
        if strides is not None:
            if type(strides) is not list or dense_strides(tuple(tensor.shape), tuple(strides)) is None:
                raise ProtocolError("tensor strides do not lay its data out densely")
            strides = tuple(strides)
        return TensorValue(
            tensor,
            _string(data["device"], 100),
            _flag(data["requires_grad"]),
            _flag(data["has_grad_fn"]),
            _flag(data["is_parameter"]),
            strides,
        )
    if kind == "list":
        _fields(data, {"kind", "items"})
        return [decode(item, _depth + 1) for item in _items(data)]
    if kind == "tuple":
        _fields(data, {"kind", "items"})
        return tuple(decode(item, _depth + 1) for item in _items(data))
    if kind == "dict":
        _fields(data, {"kind", "items"})
        decoded = {}
        for pair in _items(data):
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise ProtocolError("malformed dict item")
            decoded[pair[0]] = decode(pair[1], _depth + 1)
        return decoded
    if kind == "opaque":
        _fields(data, {"kind", "type", "repr"})
        return Opaque(_string(data["type"], _REPR_LIMIT), _string(data["repr"], _REPR_LIMIT))
    raise ProtocolError(f"unknown value kind {str(kind)[:50]!r}")


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
