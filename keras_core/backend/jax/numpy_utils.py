"""Helpers shared by the jax backend's NumPy-like ops: conversion, result dtypes, checks."""

import operator

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.python_types import nested_default_dtype
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.core import convert_to_tensor

_PY_SCALARS = (int, float, complex, bool)
_WEAK_OF_KIND = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
_NAMES = {}


def _name(dtype):
    name = _NAMES.get(dtype)
    if name is None:
        name = _NAMES[dtype] = dt.standardize_dtype(dtype)
    return name


def has_str(x):
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        return any(has_str(v) for v in x)
    return isinstance(x, np.ndarray) and x.dtype.kind in "USO"


def _string_error(op, x):
    return TypeError(f"{op}: expected a numeric tensor, received a string value: {x!r:.80}")


def dtype_of(x, op="op"):
    """The dtype of an op argument for promotion; Python scalars and weak jax arrays are weak."""
    t = type(x)
    if t in _PY_SCALARS:
        return t
    if isinstance(x, jax.Array):
        if x.weak_type:
            return _WEAK_OF_KIND[x.dtype.kind]
        return _name(x.dtype)
    if isinstance(x, KerasVariable):
        return dt.standardize_dtype(x.dtype)
    if isinstance(x, (np.ndarray, np.generic)):
        if x.dtype.kind in "USOV":
            raise _string_error(op, x)
        return _name(x.dtype)
    if isinstance(x, (list, tuple)):
        d = nested_default_dtype(x)
        if d is not None:
            return d
        return _name(tensor(x, op).dtype)
    if isinstance(x, (str, bytes)):
        raise _string_error(op, x)
    if hasattr(x, "dtype"):
        return dt.standardize_dtype(x.dtype)
    raise TypeError(f"{op}: expected a tensor or a number, received {type(x).__name__}: {x!r:.80}")


def tensor(x, op="op"):
    """Converts an op argument to a jax array (keeping its dtype)."""
    if isinstance(x, jax.Array):
        return x
    if isinstance(x, KerasVariable):
        return x.value
    if has_str(x):
        raise _string_error(op, x)
    if x is None:
        raise TypeError(f"{op}: expected a tensor, received None")
    return convert_to_tensor(x)


def cast(x, dtype, op="op"):
    """``x`` as a jax array of ``dtype`` (a canonical dtype name)."""
    if isinstance(x, jax.Array):
        if x.dtype == dtype and not x.weak_type:
            return x
        return x.astype(dtype)
    if isinstance(x, KerasVariable):
        return cast(x.value, dtype, op)
    if has_str(x):
        raise _string_error(op, x)
    return jnp.asarray(x, dtype=dtype)


def cast_operand(x, dtype, op="op"):
    """Like ``cast`` but a Python scalar stays a (weak) Python scalar for jnp."""
    if type(x) in _PY_SCALARS:
        return x
    return cast(x, dtype, op)


def result_type(op, *args):
    return dt.result_type(*[dtype_of(a, op) for a in args])


def float_type(op, *args):
    return dt.result_type(*[dtype_of(a, op) for a in args], float)


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


def real_type(dtype):
    return {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)


def prepare(op, dtype, *args, check_range=True):
    """Casts every argument to ``dtype``; Python scalars stay weak when a tensor is present.

    With ``check_range``, a Python int that does not fit an integer ``dtype`` raises
    OverflowError, as in NumPy (comparisons pass ``False``: they accept any int).
    """
    if any(type(a) not in _PY_SCALARS for a in args):
        if check_range and dtype in _INT_RANGES:
            for a in args:
                if type(a) is int:
                    _check_int_range(op, a, dtype)
        return [cast_operand(a, dtype, op) for a in args]
    return [cast(a, dtype, op) for a in args]


_INT_RANGES = {
    name: (int(np.iinfo(name).min), int(np.iinfo(name).max))
    for name in dt.INT_TYPES + dt.UINT_TYPES
}


def _check_int_range(op, value, dtype):
    lo, hi = _INT_RANGES[dtype]
    if not lo <= value <= hi:
        raise OverflowError(f"{op}: Python integer {value} is out of bounds for {dtype}.")


# ----------------------------------------------------------------------------- checks


def shape_of(x):
    if hasattr(x, "shape"):
        return tuple(x.shape)
    return np.shape(x)


def broadcastable(s1, s2):
    for a, b in zip(reversed(s1), reversed(s2)):
        if a != b and a != 1 and b != 1:
            return False
    return True


def check_broadcast(op, *args):
    shapes = [shape_of(a) for a in args]
    for i, s in enumerate(shapes[1:], 1):
        for t in shapes[:i]:
            if not broadcastable(t, s):
                raise broadcast_error(op, *shapes)


def broadcast_error(op, *shapes):
    listed = " and ".join(str(tuple(s)) for s in shapes)
    return ValueError(f"{op}: shapes {listed} cannot be broadcast together.")


def call_binary(op, fn, a, b):
    """``fn(a, b)``, turning a jax broadcasting failure into a ValueError naming ``op``."""
    try:
        return fn(a, b)
    except (TypeError, ValueError) as e:
        if not broadcastable(shape_of(a), shape_of(b)):
            raise broadcast_error(op, shape_of(a), shape_of(b)) from e
        raise


def canonical_axis(op, axis, ndim, shape=None, argument="axis"):
    try:
        axis = operator.index(axis)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{argument}` must be an int or a tuple of ints. Received: {argument}={axis!r}"
        ) from e
    if not -ndim <= axis < ndim:
        where = f"rank {ndim}" + ("" if shape is None else f" (shape {tuple(shape)})")
        raise ValueError(
            f"{op}: {argument}={axis} is out of bounds for a tensor of {where}; "
            f"expected {argument} in [{-ndim}, {ndim - 1}]."
        )
    return axis % ndim


def check_axis(op, axis, x, argument="axis"):
    """One axis that must exist in ``x``; returns it non-negative."""
    return canonical_axis(op, axis, x.ndim, x.shape, argument)


def norm_axis(op, axis, x, argument="axis"):
    """None, an int or a sequence of ints, checked against ``x``'s rank; returns None/int/tuple."""
    if axis is None:
        return None
    ndim, shape = x.ndim, x.shape
    if isinstance(axis, (list, tuple)):
        axes = tuple(canonical_axis(op, a, ndim, shape, argument) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{op}: `{argument}` has repeated axes. Received: {argument}={axis}")
        return axes
    if ndim == 0 and as_int(op, axis, argument) in (0, -1):
        return None  # NumPy accepts axis 0 and -1 when reducing a 0-d tensor
    return canonical_axis(op, axis, ndim, shape, argument)


def reduced_axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    return axis if isinstance(axis, tuple) else (axis,)


def check_nonempty_reduction(op, x, axis):
    """max/min/argmax/... of an empty axis have no identity: NumPy raises ValueError."""
    if x.size == 0 and any(x.shape[a] == 0 for a in reduced_axes(axis, x.ndim)):
        raise ValueError(
            f"{op}: cannot reduce an empty tensor (shape {tuple(x.shape)}) along axis={axis}: "
            "the operation has no identity."
        )


def check_dtype_kind(op, x, kinds, what, argument="x"):
    if x.dtype.kind not in kinds:
        raise TypeError(
            f"{op}: `{argument}` must be {what}. Received: {argument}.dtype={_name(x.dtype)}"
        )


def check_choice(op, argument, value, choices):
    if value not in choices:
        raise ValueError(
            f"{op}: `{argument}` must be one of {choices}. Received: {argument}={value!r}"
        )


def check_rank(op, x, ranks, argument="x"):
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `{argument}` must have rank in {tuple(ranks)}. "
            f"Received: {argument}.shape={tuple(x.shape)}"
        )


def check_min_rank(op, x, rank, argument="x"):
    if x.ndim < rank:
        raise ValueError(
            f"{op}: `{argument}` must have rank >= {rank}. "
            f"Received: {argument}.shape={tuple(x.shape)}"
        )


def as_int(op, value, argument):
    try:
        return operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{argument}` must be an int. Received: {argument}={value!r}") from e


def is_traced(x):
    return isinstance(x, jax.core.Tracer)


def concrete_extrema(op, x, what):
    """(min, max) of ``x`` as Python numbers, for an argument that sets an output shape."""
    if is_traced(x):
        raise ValueError(
            f"{op}: {what} depends on the values of a traced tensor, which are unknown "
            "inside jax.jit; pass concrete values."
        )
    return jnp.min(x).item(), jnp.max(x).item()


def nonzero_indices(op, x):
    x = tensor(x, op)
    if x.ndim == 0:
        raise ValueError(
            f"{op}: a 0-d tensor has no nonzero indices (as in NumPy); use atleast_1d."
        )
    if is_traced(x):
        raise ValueError(
            f"{op}: the number of nonzero elements depends on the values of a traced tensor, "
            "which are unknown inside jax.jit."
        )
    return tuple(i.astype("int32") for i in jnp.nonzero(x))
