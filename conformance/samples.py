"""Seeded sample builders for registry entries: small arrays of a given dtype."""

import ml_dtypes
import numpy as np

from conformance.registry import Case


def np_dtype(dtype):
    return np.dtype(ml_dtypes.bfloat16) if dtype == "bfloat16" else np.dtype(dtype)


def rand(rng, shape, dtype, low=-3.0, high=3.0):
    """Random values of ``dtype``: floats in [low, high), ints in range of the dtype, bools."""
    shape = tuple(shape)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    kind = np.dtype(dtype).kind if dtype != "bfloat16" else "f"
    if kind in "iu":
        info = np.iinfo(dtype)
        lo = max(int(np.floor(low)), int(info.min))
        hi = min(int(np.ceil(high)), int(info.max))
        if kind == "u":
            lo = max(lo, 0)
            hi = max(hi, lo + 1)
        return rng.integers(lo, hi + 1, size=shape).astype(dtype)
    return rng.uniform(low, high, size=shape).astype(np_dtype(dtype))


def positive(rng, shape, dtype, low=0.1, high=3.0):
    return rand(rng, shape, dtype, low, high)


def unary_cases(rng, dtype, low=-3.0, high=3.0, shapes=((), (3,), (2, 3), (0, 2))):
    """The standard shapes for a one-input op: 0-d, vector, matrix, empty."""
    return [
        Case((rand(rng, s, dtype, low, high),), id=f"shape{s}".replace(" ", "")) for s in shapes
    ]


def binary_cases(rng, dtype, low=-3.0, high=3.0):
    """Two-input cases: same shape, broadcasting, 0-d, empty, and a weak Python scalar."""
    r = lambda s: rand(rng, s, dtype, low, high)  # noqa: E731
    scalar = 2 if dtype == "bool" or np.dtype(np_dtype(dtype)).kind in "iub" else 1.5
    if dtype == "bool":
        scalar = True
    return [
        Case((r((2, 3)), r((2, 3))), id="same"),
        Case((r((2, 1, 3)), r((4, 1))), id="broadcast"),
        Case((r(()), r((3,))), id="scalar0d"),
        Case((r((0, 3)), r((3,))), id="empty"),
        Case((r((2, 2)), scalar), id="weak_scalar"),
    ]


def float_edges(rng, dtype):
    """NaN, +-inf, +-0 and large/small magnitudes, as one array."""
    info = ml_dtypes.finfo(np_dtype(dtype))
    values = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, float(info.max) / 4, float(info.tiny)]
    return [Case((np.array(values, dtype=np_dtype(dtype)),), id="edges")]
