"""Hypothesis strategies shared by every exercise's checks.

Tensors are drawn through NumPy arrays so hypothesis shrinks them element by
element towards small, readable counterexamples. The knobs are the traps the
catalog cares about: float32 and float64, 0-D and empty tensors where the
spec allows them, magnitudes up to 1e4 for stability properties,
non-contiguous layouts (a transposed view) for code that assumes
``.view``-able memory, and distinct dimension sizes so that a transposed
answer can never pass by accident.
"""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = (torch.float32, torch.float64)
_NUMPY = {torch.float32: np.float32, torch.float64: np.float64, torch.int64: np.int64}

float_dtypes = st.sampled_from(FLOAT_DTYPES)


def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 1, max_side: int = 5,
           distinct: bool = False) -> st.SearchStrategy[tuple[int, ...]]:
    """Tensor shapes; ``distinct`` makes every dimension a different size."""
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims,
                    unique=distinct).map(tuple)


def _layout(array: np.ndarray, transposed: bool) -> torch.Tensor:
    if transposed and array.ndim >= 2:
        reverse = tuple(range(array.ndim - 1, -1, -1))
        return torch.from_numpy(np.ascontiguousarray(array.transpose(reverse))).permute(reverse)
    return torch.from_numpy(array.copy())


@st.composite
def float_tensors(draw: st.DrawFn, shape: st.SearchStrategy[tuple[int, ...]] | tuple[int, ...] = shapes(),
                  dtype: st.SearchStrategy[torch.dtype] | torch.dtype = float_dtypes,
                  magnitude: float = 100.0, min_value: float | None = None,
                  max_value: float | None = None) -> torch.Tensor:
    """Finite float tensors with values in ``[-magnitude, magnitude]``, sometimes non-contiguous."""
    dtype = draw(dtype) if isinstance(dtype, st.SearchStrategy) else dtype
    shape = draw(shape) if isinstance(shape, st.SearchStrategy) else shape
    width = 32 if dtype == torch.float32 else 64
    low = -magnitude if min_value is None else min_value
    high = magnitude if max_value is None else max_value
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False,
                         width=width, exclude_min=min_value is not None and min_value == 0.0)
    array = draw(hnp.arrays(_NUMPY[dtype], shape, elements=elements))
    return _layout(array, draw(st.booleans()))


@st.composite
def int_tensors(draw: st.DrawFn, shape: st.SearchStrategy[tuple[int, ...]] | tuple[int, ...] = shapes(),
                low: int = 0, high: int = 9) -> torch.Tensor:
    """int64 tensors with values in ``[low, high]``."""
    shape = draw(shape) if isinstance(shape, st.SearchStrategy) else shape
    array = draw(hnp.arrays(np.int64, shape, elements=st.integers(low, high)))
    return _layout(array, draw(st.booleans()))


def valid_dims(ndim: int) -> st.SearchStrategy[int]:
    """Every valid ``dim`` for a tensor of ``ndim`` dims, negative and positive."""
    return st.integers(-ndim, ndim - 1)
