"""compare.difference on plain Python numbers: where a nan on one side hides."""

from __future__ import annotations

import pytest

from grader import compare

NAN = float("nan")


@pytest.mark.parametrize(("actual", "expected"), [(0.0, NAN), (NAN, 0.0), (1.0, NAN), (NAN, -2.5)])
def test_a_nan_on_one_side_only_is_a_difference(actual, expected):
    assert compare.difference(actual, expected) is not None
    assert compare.difference(actual, expected, tolerance=(1.0, 1.0)) is not None


def test_nan_on_both_sides_and_close_numbers_are_not():
    assert compare.difference(NAN, NAN) is None
    assert compare.difference(1.0, 1.0 + 1e-12) is None
