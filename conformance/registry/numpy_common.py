"""Sample builders, references helpers and standard error cases shared by the
``numpy`` family registry modules (numpy_arith, numpy_unary, ...). Registers nothing."""

import ml_dtypes
import numpy as np

from conformance.registry import ALL_NUMERIC, FLOAT_DTYPES, INT_DTYPES, Case, ErrorCase
from conformance.samples import np_dtype, rand
from keras_core.backend.common import dtype_rules

FAMILY = "numpy"
NUMERIC_NO_BOOL = INT_DTYPES + FLOAT_DTYPES
INTS_AND_BOOL = ("bool",) + INT_DTYPES
WITH_COMPLEX = ALL_NUMERIC + ("complex64",)

# A partner dtype for each dtype, for a mixed-dtype case that exercises the promotion lattice.
MIX = {
    "bool": "int8",
    "int8": "uint8",
    "uint8": "int8",
    "int16": "uint8",
    "uint16": "int16",
    "int32": "float16",
    "uint32": "int32",
    "int64": "int32",
    "float16": "bfloat16",
    "bfloat16": "float16",
    "float32": "int32",
    "float64": "float32",
    "complex64": "float32",
}
INT_MIX = dict(MIX, int32="uint16")  # mixed partners that stay integer (bitwise ops, gcd, ...)


def f64(x):
    """Reference inputs as float64 (ints and bools too)."""
    return np.asarray(x, dtype=np.float64)


def is_float(dtype):
    return dtype in FLOAT_DTYPES


def is_int(dtype):
    return dtype in INT_DTYPES


def arr(values, dtype):
    return np.asarray(values, dtype=np.float64).astype(np_dtype(dtype))


def sample(rng, shape, dtype, low=-3.0, high=3.0):
    """``samples.rand`` plus complex values with a nonzero imaginary part."""
    if dtype == "complex64":
        re = rng.uniform(low, high, size=shape)
        im = rng.uniform(low, high, size=shape)
        return np.asarray((re + 1j * im).astype(np.complex64))
    return np.asarray(rand(rng, shape, dtype, low, high))


def nonzero_sample(rng, shape, dtype, low=-3.0, high=3.0):
    """Values with no zeros (divisors): bools are all True, zeros become 1."""
    if dtype == "bool":
        return np.ones(shape, dtype=bool)
    x = sample(rng, shape, dtype, low, high)
    x = np.where(x == 0, np.ones((), x.dtype), x)
    if is_float(dtype):
        x = np.where(np.abs(x.astype(np.float64)) < 0.25, np.asarray(0.5, x.dtype), x)
    return x


def weak_scalar(dtype):
    if dtype == "bool":
        return True
    if dtype == "complex64":
        return 1.5
    return 2 if is_int(dtype) else 1.5


def unary_samples(
    low=-3.0, high=3.0, int_low=None, int_high=None, shapes=((), (3,), (2, 3), (0, 2))
):
    """A ``samples`` function for one-input ops: 0-d, vector, matrix and empty inputs."""

    def build(dtype, rng):
        lo, hi = (int_low, int_high) if (is_int(dtype) and int_low is not None) else (low, high)
        return [
            Case((sample(rng, s, dtype, lo, hi),), id=f"shape{s}".replace(" ", "")) for s in shapes
        ]

    return build


def binary_samples(
    low=-3.0, high=3.0, low2=None, high2=None, nonzero_rhs=False, mixed=True, weak=True,
    int_range=None, int_range2=None, mix=MIX,
):  # fmt: skip
    """A ``samples`` function for two-input ops: same shape, broadcasting, 0-d, empty, a weak
    Python scalar and a mixed-dtype pair."""
    low2 = low if low2 is None else low2
    high2 = high if high2 is None else high2

    def build(dtype, rng):
        def r1(shape, d=dtype):
            lo, hi = int_range if (int_range and is_int(d)) else (low, high)
            return sample(rng, shape, d, lo, hi)

        def r2(shape, d=dtype):
            lo, hi = int_range2 if (int_range2 and is_int(d)) else (low2, high2)
            if nonzero_rhs:
                return nonzero_sample(rng, shape, d, lo, hi)
            return sample(rng, shape, d, lo, hi)

        cases = [
            Case((r1((2, 3)), r2((2, 3))), id="same"),
            Case((r1((2, 1, 3)), r2((4, 1))), id="broadcast"),
            Case((r1(()), r2((3,))), id="scalar0d"),
            Case((r1((0, 3)), r2((3,))), id="empty"),
        ]
        if weak:
            cases.append(Case((r1((2, 2)), weak_scalar(dtype)), id="weak_scalar"))
        if mixed and dtype in mix:
            cases.append(Case((r1((2, 3)), r2((2, 3), mix[dtype])), id="mixed"))
        return cases

    return build


def float_edge_values(dtype, huge=True):
    info = ml_dtypes.finfo(np_dtype(dtype))
    values = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -2.0, float(info.tiny)]
    if huge:
        values += [float(info.max) / 4, -float(info.max) / 4]
    return np.array(values, dtype=np.float64).astype(np_dtype(dtype))


def unary_edges(huge=True):
    def build(dtype, rng):
        return [Case((float_edge_values(dtype, huge),), id="edges")]

    return build


def binary_edges(dtype, rng):
    x = float_edge_values(dtype, huge=False)
    return [
        Case((x, x[::-1].copy()), id="edges-reversed"),
        Case((x, np.asarray(1.5, np_dtype(dtype))), id="edges-vs-scalar"),
    ]


def pair_edges(x1, x2):
    """An ``edges`` function from two lists of values (cast to the dtype under test)."""

    def build(dtype, rng):
        return [Case((arr(x1, dtype), arr(x2, dtype)), id="edges")]

    return build


# ----------------------------------------------------------------------------- suite size

PRIMARY_DTYPES = ("float32", "float64")
# Cases about shapes rather than dtypes (broadcasting, 0-d, empty, other axes): they run for
# the primary dtypes only, which keeps the suite fast on backends that compile every call.
SHAPE_ONLY_IDS = frozenset(
    ["broadcast", "scalar0d", "empty", "shape()", "shape(3,)", "shape(0,2)", "0d", "axis0",
     "keepdims", "tuple_axis", "empty_rows", "empty_contraction", "broadcast_batch"]
)  # fmt: skip


def lean(samples):
    """Wraps a ``samples`` function: shape-only cases for the primary dtypes only."""
    if samples is None:
        return None

    def build(dtype, rng):
        cases = samples(dtype, rng)
        if dtype in PRIMARY_DTYPES:
            return cases
        return [c for c in cases if c.id not in SHAPE_ONLY_IDS]

    return build


# ----------------------------------------------------------------------------- errors


def axis_error(name, shape=(2, 3), axis=2, args=(), **kwargs):
    x = np.zeros(shape, np.float32)
    return ErrorCase(
        (x,) + tuple(args),
        dict(axis=axis, **kwargs),
        ValueError,
        match=rf"{name}[\s\S]*axis",
        id="axis_out_of_range",
    )


def broadcast_error(name, dtype="float32"):
    return ErrorCase(
        (np.zeros((2, 3), dtype), np.zeros((4,), dtype)),
        exc=ValueError,
        match=rf"{name}[\s\S]*2, 3[\s\S]*4",
        id="shapes_do_not_broadcast",
    )


def string_error(nargs=1):
    strings = ["a", "b"]
    args = (strings,) + tuple(np.ones((2,), np.float32) for _ in range(nargs - 1))
    return ErrorCase(args, exc=TypeError, id="string_input")


def binary_errors(name, dtype="float32"):
    return (broadcast_error(name, dtype), string_error(2))


# ----------------------------------------------------------------------------- dtypes


def expected_float(*xs):
    return dtype_rules.float_dtype(*xs)


def no_bool(d):
    return "int32" if d == "bool" else d


def as_int32_if_bool(x):
    x = np.asarray(x)
    return x.astype(np.int32) if x.dtype == bool else x
