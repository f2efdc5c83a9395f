"""Helpers shared by the numpy backend's op modules: conversion, result dtypes, axes,
broadcasting checks, float working precision and image layout.

The first block (``tensor`` ... ``float_binary``) is the contract every backend's
``op_helpers.py`` offers with the same names and signatures; the result-dtype helpers
only read each argument's dtype and hand it to ``keras_core.backend.common.dtype_rules``,
which holds the rules themselves.
"""

import importlib
import operator

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.numpy.core import convert_to_tensor, to_native_dtype

PY_SCALARS = (bool, int, float, complex)
HALF = ("float16", "bfloat16")
INT_KINDS = "iub"  # NumPy dtype kinds of integer and boolean arrays
_NATIVE = {}
_NAMES = {}


def native(name):
    """The NumPy dtype of a canonical dtype name (cached)."""
    d = _NATIVE.get(name)
    if d is None:
        d = _NATIVE[name] = to_native_dtype(name)
    return d


def name_of(dtype):
    """The canonical name of a NumPy dtype (cached)."""
    n = _NAMES.get(dtype)
    if n is None:
        n = _NAMES[dtype] = dt.standardize_dtype(dtype)
    return n


def string_error(op, x):
    return TypeError(f"{op}: expected a numeric tensor, received a string value: {x!r:.60}")


def _check_kind(op, a):
    if a.dtype.kind in "USO":
        raise string_error(op, a)
    return a


# ---------------------------------------------------------------- the shared contract
def tensor(x, op="op", arg="x"):
    """``x`` as a NumPy array, keeping its dtype (Python values get keras_core's defaults)."""
    if type(x) is np.ndarray:
        return _check_kind(op, x)
    if isinstance(x, KerasVariable):
        return tensor(x.value, op, arg)
    if x is None:
        raise TypeError(f"{op}: `{arg}` must be a tensor. Received: {arg}=None")
    if isinstance(x, (str, bytes)):
        raise string_error(op, x)
    if type(x) in PY_SCALARS:
        return np.asarray(x, dtype=native(scalar_default_dtype(x)))
    if isinstance(x, (list, tuple)):
        d = nested_default_dtype(x)
        if d is not None:
            return np.asarray(x, dtype=native(d))
        return _check_kind(op, np.asarray([tensor(v, op, arg) for v in x]))
    return _check_kind(op, np.asarray(x))


def dtype_of(x, op="op"):
    """The dtype of an argument for promotion; Python scalars are weak (their type)."""
    t = type(x)
    if t in PY_SCALARS:
        return t
    if t is np.ndarray:
        return name_of(_check_kind(op, x).dtype)
    if isinstance(x, KerasVariable):
        return x.dtype
    if isinstance(x, (str, bytes)):
        raise string_error(op, x)
    if isinstance(x, (list, tuple)):
        d = nested_default_dtype(x)
        return d if d is not None else name_of(tensor(x, op).dtype)
    return name_of(tensor(x, op).dtype)


def cast(x, dtype):
    """``x`` as a NumPy array of the keras dtype name ``dtype`` (no copy if it already is)."""
    nd = native(dtype)
    if type(x) is np.ndarray and x.dtype == nd:
        return x
    return np.asarray(x).astype(nd, copy=False)


def result_type(op, *args):
    """The promoted dtype of the arguments (add, maximum, where, ...)."""
    return dtype_rules.promote_dtypes(*[dtype_of(a, op) for a in args], op=op)


def float_type(op, *args):
    """The floating result dtype of the arguments (true_divide, sqrt, mean, ...)."""
    return dtype_rules.float_result_dtype(*[dtype_of(a, op) for a in args], op=op)


def unary_type(op, x):
    """The dtype of unary arithmetic keeping the dtype (abs, negative, ...): bool -> int32."""
    return dtype_rules.unary_result_dtype(dtype_of(x, op), op=op)


def sum_type(op, x, dtype=None):
    """The accumulator dtype of sum/prod/cumsum/...; ``dtype`` is the op's own argument."""
    return dtype_rules.sum_result_dtype(dtype_of(x, op), dtype, op=op)


def promote_no_bool(op, *args):
    """``result_type`` with bool read as int32 (clip, power, mod, cross, ...)."""
    return dtype_rules.unary_result_dtype(result_type(op, *args), op=op)


def canonical_axis(op, axis, ndim, arg="axis"):
    """``axis`` as an int in ``[0, ndim)``; a clear error naming ``op`` and ``arg`` otherwise."""
    axis = as_int(op, axis, arg)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op}: `{arg}`={axis} is out of range for a tensor of rank {ndim} "
            f"(valid: {-ndim} to {ndim - 1})."
        )
    return axis % ndim


def canonical_axes(op, axis, ndim, arg="axis"):
    """``axis`` (None, an int or a sequence) as a tuple of distinct ints; None is every axis."""
    if axis is None:
        return tuple(range(ndim))
    if not isinstance(axis, (list, tuple)):
        return (canonical_axis(op, axis, ndim, arg),)
    out = tuple(canonical_axis(op, a, ndim, arg) for a in axis)
    if len(set(out)) != len(out):
        raise ValueError(f"{op}: `{arg}` has repeated axes. Received: {arg}={axis}")
    return out


def check_broadcast(op, *xs):
    """Raises ``broadcast_error`` unless the shapes of ``xs`` broadcast together."""
    shapes = [np.shape(x) for x in xs]
    if not broadcastable(*shapes):
        raise broadcast_error(op, *shapes)


def broadcast_error(op, *shapes):
    """The ValueError for operands of ``op`` whose shapes do not broadcast."""
    listed = " and ".join(str(tuple(s)) for s in shapes)
    return ValueError(f"{op}: shapes {listed} cannot be broadcast together.")


def float_unary(op, fn, x):
    """``fn`` of ``x`` cast to ``float_type(op, x)``; half types compute in float32."""
    d = float_type(op, x)
    with np.errstate(all="ignore"):
        return compute_f32(fn, as_dtype(x, d, op), d)


def float_binary(op, fn, x1, x2):
    """``fn`` of both inputs cast to ``float_type(op, x1, x2)``; half types compute in float32."""
    d = float_type(op, x1, x2)
    a, b = as_dtype(x1, d, op, "x1"), as_dtype(x2, d, op, "x2")
    with np.errstate(all="ignore"):
        if d in HALF:
            return cast(call_binary(op, fn, a.astype(np.float32), b.astype(np.float32)), d)
        return cast(call_binary(op, fn, a, b), d)


# ---------------------------------------------------------------- conversion and checks
def as_dtype(x, d, op="op", arg="x"):
    """``x`` as an array of dtype ``d`` (a canonical name); Python ints must fit ``d``."""
    nd = native(d)
    if type(x) is np.ndarray:
        _check_kind(op, x)
        return x if x.dtype == nd else x.astype(nd)
    if type(x) in PY_SCALARS:
        try:
            return np.asarray(x, dtype=nd)
        except OverflowError as e:
            raise OverflowError(f"{op}: Python integer {x} is out of bounds for {d}.") from e
    return tensor(x, op, arg).astype(nd, copy=False)


def arr(out):
    """NumPy returns scalars for 0-d results; ops return arrays."""
    return out if type(out) is np.ndarray else np.asarray(out)


def compute_f32(fn, x, d, *args, **kwargs):
    """``fn(x)`` for a float array ``x`` of dtype ``d``, via float32 for half precision."""
    if d in HALF:
        return cast(fn(x.astype(np.float32), *args, **kwargs), d)
    return cast(fn(x, *args, **kwargs), d)


def float_work(*xs):
    """Converts to a working float array (float32, or float64) and the result dtype."""
    arrays = [convert_to_tensor(x) for x in xs]
    dtype = dtype_rules.float_dtype(*arrays)
    work = np.float64 if dtype == "float64" else np.float32
    return [a.astype(work) for a in arrays], dtype


def as_result(x, dtype):
    return np.asarray(x).astype(to_native_dtype(dtype))


def half_to_float(x):
    """Half-precision arrays computed in float32 (exact widening; ml_dtypes sorts unreliably)."""
    return x.astype(np.float32) if name_of(x.dtype) in HALF else x


def broadcastable(*shapes):
    n = max((len(s) for s in shapes), default=0)
    for i in range(1, n + 1):
        sizes = {s[-i] for s in shapes if len(s) >= i} - {1}
        if len(sizes) > 1:
            return False
    return True


def call_binary(op, fn, a, b):
    """``fn(a, b)`` with a broadcasting failure reported as a ValueError naming ``op``."""
    try:
        return arr(fn(a, b))
    except ValueError:
        check_broadcast(op, a, b)
        raise


def as_int(op, value, arg):
    try:
        return operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{arg}` must be an int. Received: {arg}={value!r}") from e


def np_axis(op, axis, ndim, arg="axis"):
    """``axis`` checked and made non-negative, in the form NumPy's ``axis=`` takes:
    None stays None, an int stays an int, a sequence becomes a tuple of ints."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return canonical_axes(op, axis, ndim, arg)
    return canonical_axis(op, axis, ndim, arg)


def reduced(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    return axis if isinstance(axis, tuple) else (axis,)


def check_nonempty(op, x, axis):
    if x.size == 0 and (x.ndim == 0 or any(x.shape[a] == 0 for a in reduced(axis, x.ndim))):
        raise ValueError(
            f"{op}: cannot reduce an empty tensor (shape {x.shape}) along axis={axis}: "
            "the operation has no identity."
        )


def require_kind(op, x, kinds, what, arg="x"):
    if x.dtype.kind not in kinds:
        raise TypeError(f"{op}: `{arg}` must be {what}. Received: {arg}.dtype={name_of(x.dtype)}")


def require_rank(op, x, ranks, arg="x"):
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `{arg}` must have rank in {tuple(ranks)}. Received: {arg}.shape={x.shape}"
        )


def index(out):
    return cast(out, INDEX_DTYPE)


def shape_arg(op, shape, arg="shape"):
    if type(shape) is np.ndarray:
        shape = shape.tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    try:
        return tuple(int(as_int(op, s, arg)) for s in shape)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{arg}` must be an int or a tuple of ints. Received: {shape!r}"
        ) from e


# Numeric dtypes for the eager fast paths (a string array must not reach np.add).
FAST_DTYPES = frozenset(
    native(n) for n in dt.INT_TYPES + dt.UINT_TYPES + dt.FLOAT_TYPES + dt.COMPLEX_TYPES + ("bool",)
)


class _LazyModule:
    """A module imported on first attribute access (scipy costs ~0.7 s at import)."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        return getattr(importlib.import_module(self._name), attr)


scipy_special = _LazyModule("scipy.special")
scipy_linalg = _LazyModule("scipy.linalg")


# ---------------------------------------------------------------- images
_F32_EPS = float(np.finfo(np.float32).eps)


def image_format(data_format):
    return config.standardize_data_format(data_format)


def images_to_last(x, data_format):
    """Images -> (batch, h, w, c) channels last, and whether a batch axis was added."""
    squeeze = x.ndim == 3
    if squeeze:
        x = x[None]
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    return x, squeeze


def images_from_last(x, data_format, squeeze):
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    return x[0] if squeeze else x


def image_float_dtype(*xs):
    return dtype_rules.float_dtype(*xs)


def _triangle_kernel(x):
    return np.maximum(0.0, 1.0 - np.abs(x))


def _keys_cubic_kernel(x, a=-0.5):
    x = np.abs(x)
    inner = ((a + 2) * x - (a + 3)) * x * x + 1
    outer = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return np.where(x <= 1, inner, np.where(x < 2, outer, 0.0))


def _lanczos_kernel(n):
    def kernel(x):
        return np.where(np.abs(x) < n, np.sinc(x) * np.sinc(x / n), 0.0)

    return kernel


_RESIZE_KERNELS = {
    "bilinear": _triangle_kernel,
    "linear": _triangle_kernel,
    "trilinear": _triangle_kernel,
    "bicubic": _keys_cubic_kernel,
    "cubic": _keys_cubic_kernel,
    "tricubic": _keys_cubic_kernel,
    "lanczos3": _lanczos_kernel(3),
    "lanczos5": _lanczos_kernel(5),
}


def kernel_weights(in_size, out_size, scale, translation, method, antialias):
    kernel = _RESIZE_KERNELS[method]
    sample = (np.arange(out_size) + 0.5 - translation) / scale - 0.5
    kscale = max(1.0 / scale, 1.0) if antialias else 1.0
    w = kernel((np.arange(in_size)[None, :] - sample[:, None]) / kscale)
    total = w.sum(axis=1, keepdims=True)
    w = np.where(np.abs(total) > 1000 * _F32_EPS, w / np.where(total == 0, 1, total), 0.0)
    inside = (sample >= -0.5) & (sample <= in_size - 0.5)
    return np.where(inside[:, None], w, 0.0)


def apply_weights(x, weights, axis):
    moved = np.moveaxis(x, axis, -1)
    return np.moveaxis(moved @ weights.T, -1, axis)


def gaussian_1d(size, sigma):
    t = np.arange(size) - (size - 1) / 2.0
    g = np.exp(-(t * t) / (2.0 * sigma * sigma))
    return g / g.sum()


def depthwise_same(x, kernel2d):
    """x: (batch, h, w, c) float64; 'same' zero padding, cross-correlation."""
    kh, kw = kernel2d.shape
    pads = [
        shape_rules.same_padding(x.shape[1], kh, 1),
        shape_rules.same_padding(x.shape[2], kw, 1),
    ]
    padded = np.pad(x, [(0, 0), *pads, (0, 0)])
    out = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            out += kernel2d[i, j] * padded[:, i : i + x.shape[1], j : j + x.shape[2]]
    return out
