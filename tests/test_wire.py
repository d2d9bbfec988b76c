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
