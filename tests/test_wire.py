"""The data-only wire between grader and worker keeps what checks need, including memory layout."""

from __future__ import annotations

import pytest
import torch

from grader import wire
from grader.probes import materialize


def _round_trip(value):
    return wire.decode(wire.loads(wire.dumps(wire.encode(value))))


def test_a_transposed_input_reaches_the_student_as_a_transposed_view():
    original = torch.arange(24.0).reshape(2, 3, 4).permute(2, 1, 0)
    live = materialize(_round_trip(original), "cpu")
    assert not live.is_contiguous() and live.stride() == original.stride()
    assert torch.equal(live, original)
    with pytest.raises(RuntimeError):
        live.view(-1)  # what a student's .view(-1) will meet


def test_contiguous_and_sliced_tensors_arrive_contiguous():
    for value in (torch.arange(6.0).reshape(2, 3), torch.arange(12.0).reshape(3, 4)[:, ::2], torch.tensor(1.5)):
        live = materialize(_round_trip(value), "cpu")
        assert live.is_contiguous() and torch.equal(live, value)


def test_forged_strides_are_refused():
    message = wire.encode(torch.arange(6.0).reshape(2, 3).t())
    for forged in ([0, 0], [1, 1], [3, 1, 1], "x"):
        with pytest.raises(wire.ProtocolError):
            wire.decode({**message, "strides": forged})


def _forged(header: dict, payload: bytes = b"") -> bytes:
    import json
    import struct

    text = json.dumps(header).encode()
    return struct.pack("<4sI", b"TKW1", len(text)) + text + payload


def test_every_plain_dtype_and_shape_survives_the_wire():
    for name, dtype in wire.DTYPES.items():
        for shape in ((), (0, 3), (2, 3)):
            value = torch.zeros(shape, dtype=dtype) if dtype.is_complex else torch.ones(shape).to(dtype)
            back = wire.decode(wire.loads(wire.dumps(wire.encode(value))))
            assert back.dtype == dtype and back.shape == shape and torch.equal(back.data, value), name


@pytest.mark.parametrize("blob, why", [
    (b"", "too short"),
    (b"PK\x03\x04" + b"\0" * 60, "not a grader message"),  # a torch.save zip is refused
    (_forged({"message": {"$tensor": 0}, "tensors": [["int64", [2 ** 40]]]}, b"\0" * 8), "claims more bytes"),
    (_forged({"message": 1, "tensors": [["float32", [1]]]}, b"\0" * 8), "no tensor claims"),
    (_forged({"message": {"$tensor": 0}, "tensors": [["qint8", [1]]]}, b"\0"), "malformed tensor entry"),
    (_forged({"message": {"$tensor": 0}, "tensors": [["uint8", [-1]]]}), "malformed tensor shape"),
    (_forged({"message": [{"$tensor": 0}, {"$tensor": 0}], "tensors": [["uint8", [1]]]}, b"\0"),
     "malformed tensor reference"),
    (_forged({"message": {"$tensor": 1}, "tensors": [["uint8", [1]]]}, b"\0"), "malformed tensor reference"),
    (_forged({"message": 1}), "malformed header"),
    (_forged({"message": 1, "tensors": []})[:-3], "unreadable"),
    (_forged({"message": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
              "tensors": []}), "nested too deeply"),
])
def test_forged_messages_are_refused_as_protocol_errors(blob, why):
    with pytest.raises(wire.ProtocolError, match=why):
        wire.loads(blob)


def test_only_plain_data_can_be_sent():
    for value in ({1: "int key"}, {"x": object()}, torch.zeros(2).to_sparse()):
        with pytest.raises(TypeError):
            wire.dumps(value)
    assert wire.encode(torch.zeros(2, dtype=torch.float8_e4m3fn))["kind"] == "opaque"
