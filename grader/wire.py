"""Values crossing the line between the grader and the student's worker.

The worker runs untrusted code, so nothing it sends may be unpickled as
arbitrary objects. Every value is first *encoded* into plain data built from
``None``, ``bool``, ``int``, ``float``, ``str``, ``dict``, ``list`` and plain
CPU tensors, serialised as a JSON header followed by the tensors' raw bytes
(:func:`dumps`); :func:`loads` rebuilds nothing but that data, checking that
every tensor's dtype is a plain one and its bytes are exactly what its shape
claims. (No pickle, and no ``torch.load``: a message is data only.)

Encoding keeps exactly what the checks need to judge a value (a tensor's
dtype, device, ``requires_grad``, whether it has a ``grad_fn``; a Python
value's exact type) and turns anything else -- an ``int`` subclass, a tensor
subclass with lying comparisons, a NumPy scalar -- into an :class:`Opaque`
that records only its type name and a short repr, so it can never compare
equal to a real answer.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from typing import Any

import torch

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_REPR_LIMIT = 300
_SCALARS = frozenset({type(None), bool, int, float, str})  # kept as they are, by exact type
_CPU = torch.device("cpu")


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
    if cls in _SCALARS:
        return value
    if cls is torch.Tensor or cls is torch.nn.Parameter:
        if value.layout != torch.strided or value.is_quantized or value.is_meta:
            return {"kind": "opaque", "type": f"tensor with layout {value.layout}", "repr": ""}
        if value.dtype not in _PLAIN_DTYPES:
            return {"kind": "opaque", "type": f"tensor of dtype {value.dtype}", "repr": ""}
        data = value.detach().to(_CPU).clone(memory_format=torch.contiguous_format)
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
_TENSOR_FIELDS = frozenset({"kind", "data", "device", "requires_grad", "has_grad_fn", "is_parameter", "strides"})
_ITEMS_FIELDS = frozenset({"kind", "items"})
_OPAQUE_FIELDS = frozenset({"kind", "type", "repr"})


def _fields(data: dict, expected: frozenset[str]) -> None:
    if data.keys() != expected:
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
    if tensor.layout != torch.strided or tensor.is_quantized or not tensor.is_cpu:
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
    if type(data) in _SCALARS:
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
    if kind == "list" or kind == "tuple":
        _fields(data, _ITEMS_FIELDS)
        # Scalars, most items, are kept inline: a call for each costs more than the check.
        items = [item if type(item) in _SCALARS else decode(item, _depth + 1) for item in _items(data)]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        _fields(data, _ITEMS_FIELDS)
        decoded = {}
        for pair in _items(data):
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise ProtocolError("malformed dict item")
            decoded[pair[0]] = decode(pair[1], _depth + 1)
        return decoded
    if kind == "opaque":
        _fields(data, _OPAQUE_FIELDS)
        return Opaque(_string(data["type"], _REPR_LIMIT), _string(data["repr"], _REPR_LIMIT))
    raise ProtocolError(f"unknown value kind {str(kind)[:50]!r}")


# The dtypes a tensor may cross the wire with: plain numbers whose bytes are
# their values (no quantized or bit-packed types).
DTYPES: dict[str, torch.dtype] = {
    str(dtype).removeprefix("torch."): dtype
    for dtype in (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
                  torch.float16, torch.bfloat16, torch.float32, torch.float64,
                  torch.complex64, torch.complex128)
}
_PLAIN_DTYPES = frozenset(DTYPES.values())
_DTYPE_NAMES = {dtype: name for name, dtype in DTYPES.items()}
_JSON = json.JSONEncoder(separators=(",", ":"))
_STR = frozenset({str})
_MAGIC = b"TKW1"
_PREFIX = struct.Struct("<4sI")  # magic, then the header's length in bytes
_TENSOR_REF = "$tensor"
_MAX_DIMS = 32
# No value of a message lies deeper than this. Scalars are not looked at one by one: a
# container at the limit is refused, as its items would lie past it.
_MESSAGE_DEPTH = _MAX_DEPTH + 8


def _plain(value: Any, tensors: list[torch.Tensor], depth: int = 0) -> Any:
    """``value`` as JSON-able data, each tensor replaced by a reference to its bytes.

    Scalars, most of a message, are kept inline: a call for each would cost more than its check.
    """
    cls = type(value)
    if cls in _SCALARS:
        return value
    if depth >= _MESSAGE_DEPTH:
        raise ValueError("message nested too deeply")
    if cls is torch.Tensor:
        tensors.append(value)
        return {_TENSOR_REF: len(tensors) - 1}
    if cls is list or cls is tuple:
        return [item if type(item) in _SCALARS else _plain(item, tensors, depth + 1) for item in value]
    if cls is dict and set(map(type, value)) <= _STR:
        return {key: item if type(item) in _SCALARS else _plain(item, tensors, depth + 1)
                for key, item in value.items()}
    raise TypeError(f"{cls.__name__} cannot cross the wire")


def _tensor_bytes(tensor: torch.Tensor) -> memoryview:
    flat = tensor.detach().contiguous().reshape(-1)
    return memoryview(flat.view(torch.uint8).numpy()) if flat.numel() else memoryview(b"")


def dumps(message: Any) -> bytes:
    """Serialise an already-encoded message: JSON header, then every tensor's raw bytes."""
    tensors: list[torch.Tensor] = []
    body = _plain(message, tensors)
    for tensor in tensors:
        if tensor.dtype not in _PLAIN_DTYPES or tensor.layout != torch.strided or not tensor.is_cpu:
            raise TypeError(f"a {tensor.dtype} {tensor.layout} tensor on {tensor.device} cannot cross the wire")
    table = [[_DTYPE_NAMES[t.dtype], list(t.shape)] for t in tensors]
    header = _JSON.encode({"message": body, "tensors": table}).encode()
    return b"".join([_PREFIX.pack(_MAGIC, len(header)), header, *map(_tensor_bytes, tensors)])


def same(a: Any, b: Any) -> bool:
    """Whether :func:`dumps` writes encoded values ``a`` and ``b`` as the very same bytes,
    without writing either (replay compares every request a check makes with the recorded one).

    Exact types, a float's repr (the sign of a zero) and a tensor's dtype, shape
    and bits count; anything :func:`encode` never makes is taken for different.
    """
    cls = type(a)
    if cls is not type(b):
        return False
    if cls is dict:
        return list(a) == list(b) and all(map(same, a.values(), b.values()))  # the keys in the same order
    if cls is list:
        return len(a) == len(b) and all(map(same, a, b))
    if cls is torch.Tensor:
        return (a.dtype == b.dtype and a.shape == b.shape
                and torch.equal(a.reshape(-1).view(torch.uint8), b.reshape(-1).view(torch.uint8)))
    if cls is float:
        return repr(a) == repr(b)  # what JSON writes: 0.0 and -0.0 differ, every NaN is NaN
    return cls in _SCALARS and a == b


def _rebuild_tensors(table: Any, payload: memoryview) -> list[torch.Tensor]:
    """The tensors ``table`` describes, which must use up ``payload`` exactly."""
    if type(table) is not list:
        raise ProtocolError("malformed tensor table")
    tensors, offset = [], 0
    for entry in table:
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str or entry[0] not in DTYPES:
            raise ProtocolError("malformed tensor entry")
        dtype, shape = DTYPES[entry[0]], entry[1]
        if (type(shape) is not list or len(shape) > _MAX_DIMS
                or any(type(size) is not int or size < 0 for size in shape)):
            raise ProtocolError("malformed tensor shape")
        size = math.prod(shape) * dtype.itemsize
        if offset + size > len(payload):
            raise ProtocolError("a tensor claims more bytes than the message holds")
        if size:
            tensor = torch.frombuffer(bytearray(payload[offset:offset + size]), dtype=dtype).reshape(shape)
        else:
            tensor = torch.empty(shape, dtype=dtype)
        tensors.append(tensor)
        offset += size
    if offset != len(payload):
        raise ProtocolError("the message holds bytes no tensor claims")
    return tensors


def _restore(value: Any, tensors: list, depth: int = 0) -> Any:
    """JSON data with its tensor references replaced by the tensors (scalars inline, as in :func:`_plain`)."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    if depth >= _MESSAGE_DEPTH:
        raise ProtocolError("message nested too deeply")
    if cls is list:
        return [item if type(item) in _SCALARS else _restore(item, tensors, depth + 1) for item in value]
    if _TENSOR_REF in value:  # JSON holds nothing else but dicts
        index = value[_TENSOR_REF]
        if len(value) != 1 or type(index) is not int or not 0 <= index < len(tensors) or tensors[index] is None:
            raise ProtocolError("malformed tensor reference")
        tensor, tensors[index] = tensors[index], None  # each tensor is used once: no aliasing
        return tensor
    return {key: item if type(item) in _SCALARS else _restore(item, tensors, depth + 1) for key, item in value.items()}


def loads(blob: bytes) -> Any:
    """Read a message as data only: JSON values and tensors of plain dtypes, nothing else."""
    view = memoryview(blob)
    if len(view) < _PREFIX.size:
        raise ProtocolError("unreadable message: too short")
    magic, length = _PREFIX.unpack_from(view)
    if magic != _MAGIC or length > len(view) - _PREFIX.size:
        raise ProtocolError("unreadable message: not a grader message")
    try:
        header = json.loads(bytes(view[_PREFIX.size:_PREFIX.size + length]))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"unreadable message: {type(exc).__name__}") from None
    if type(header) is not dict or set(header) != {"message", "tensors"}:
        raise ProtocolError("unreadable message: malformed header")
    tensors = _rebuild_tensors(header["tensors"], view[_PREFIX.size + length:])
    return _restore(header["message"], tensors)
