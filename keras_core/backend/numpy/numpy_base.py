"""Helpers shared by the numpy backend's NumPy-like ops: conversion, result dtypes, checks."""

import operator

import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.common.python_types import nested_default_dtype, scalar_default_dtype
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.numpy.core import to_native_dtype

PY_SCALARS = (bool, int, float, complex)
HALF = ("float16", "bfloat16")
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


def promote(op, *xs):
    return dt.result_type(*[dtype_of(x, op) for x in xs])


def float_type(op, *xs):
    return dt.result_type(*[dtype_of(x, op) for x in xs], float)


def unary_type(op, x):
    d = dt.result_type(dtype_of(x, op))
    return "int32" if d == "bool" else d


def sum_type(op, x, dtype=None):
    if dtype is not None:
        return dt.standardize_dtype(dtype)
    d = dt.result_type(dtype_of(x, op))
    if d in ("bool", "int8", "int16"):
        return "int32"
    if d in ("uint8", "uint16"):
        return "uint32"
    return d


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


def cast_out(out, d):
    nd = native(d)
    if type(out) is np.ndarray and out.dtype == nd:
        return out
    return np.asarray(out).astype(nd, copy=False)


def compute_f32(fn, x, d, *args, **kwargs):
    """``fn(x)`` for a float array ``x`` of dtype ``d``, via float32 for half precision."""
    if d in HALF:
        return cast_out(fn(x.astype(np.float32), *args, **kwargs), d)
    return cast_out(fn(x, *args, **kwargs), d)


def broadcastable(*shapes):
    n = max((len(s) for s in shapes), default=0)
    for i in range(1, n + 1):
        sizes = {s[-i] for s in shapes if len(s) >= i} - {1}
        if len(sizes) > 1:
            return False
    return True


def broadcast_error(op, *shapes):
    listed = " and ".join(str(tuple(s)) for s in shapes)
    return ValueError(f"{op}: shapes {listed} cannot be broadcast together.")


def check_broadcast(op, *arrays):
    shapes = [np.shape(a) for a in arrays]
    if not broadcastable(*shapes):
        raise broadcast_error(op, *shapes)


def call2(op, fn, a, b):
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


def axis_index(op, axis, ndim, arg="axis"):
    axis = as_int(op, axis, arg)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op}: `{arg}`={axis} is out of range for a tensor of rank {ndim} "
            f"(valid: {-ndim} to {ndim - 1})."
        )
    return axis % ndim if ndim else 0


def axes(op, axis, ndim, arg="axis"):
    """None stays None; an int or a sequence becomes an int or a tuple of non-negative ints."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        out = tuple(axis_index(op, a, ndim, arg) for a in axis)
        if len(set(out)) != len(out):
            raise ValueError(f"{op}: `{arg}` has repeated axes. Received: {arg}={axis}")
        return out
    return axis_index(op, axis, ndim, arg)


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
    return cast_out(out, INDEX_DTYPE)
