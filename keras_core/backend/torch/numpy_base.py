# Shared helpers for the torch backend's numpy functions (see keras_core/backend/README.md).
import builtins
import functools

import numpy as np
import torch

from keras_core.backend import config
from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.torch import core

Tensor = torch.Tensor
NATIVE = core._TORCH_DTYPES
NAMES = core._FROM_TORCH
INDEX = rules.INDEX_DTYPE
INDEX_T = NATIVE[INDEX]

FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
COMPLEX = (torch.complex64, torch.complex128)
INEXACT = FLOATS + COMPLEX
WIDE_UINTS = (torch.uint16, torch.uint32, torch.uint64)
SIGNED = (torch.int8, torch.int16, torch.int32, torch.int64)
UNSIGNED = (torch.uint8,) + WIDE_UINTS
INTS = SIGNED + UNSIGNED
I64_MIN = -(2**63)


def name(t):
    return NAMES[t.dtype]


def native(dtype):
    return NATIVE[dtype] if dtype in NATIVE else core.to_native_dtype(dtype)


def floatx():
    return NATIVE[config.floatx()]


# ---------------------------------------------------------------- conversion
def _has_string(x):
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "USO"
    if isinstance(x, (list, tuple)):
        return builtins.any(_has_string(e) for e in x)
    return False


def tensor(x, op, arg="x"):
    if isinstance(x, Tensor):
        return x
    if isinstance(x, core.Variable):
        return x.value
    if _has_string(x):
        raise TypeError(
            f"{op}: argument `{arg}` must be numeric; received a string value "
            f"({type(x).__name__}). The torch backend has no string tensors."
        )
    try:
        t = core.convert_to_tensor(x)
    except (TypeError, ValueError, RuntimeError) as e:
        raise TypeError(
            f"{op}: could not convert argument `{arg}` of type {type(x).__name__} to a tensor: {e}"
        ) from None
    if isinstance(x, (np.ndarray, np.generic)) and x.ndim == 0 and t.ndim:
        t = t.reshape(())  # core.convert_to_tensor gives 0-d NumPy values shape (1,)
    return t


def result(op, rule, *args):
    """A dtype rule applied to op arguments; a string argument raises TypeError naming ``op``."""
    try:
        return rule(*args)
    except ValueError:
        for a in args:
            if _has_string(a) or getattr(getattr(a, "dtype", None), "kind", "") in "USO":
                raise TypeError(
                    f"{op}: arguments must be numeric; received a string value."
                ) from None
        raise


_SAMPLE = {bool: False, int: 0, float: 0.0, complex: 0j}
SCALAR_TYPES = frozenset(_SAMPLE)


def scalar_fits(x, nat, op, arg):
    """True when Python scalar ``x`` can be passed to torch alongside a tensor of dtype ``nat``."""
    if type(x) is int and nat in INTS + (torch.bool,):
        info = torch.iinfo(nat) if nat != torch.bool else None
        if info is None or not info.min <= x <= info.max:
            scalar_tensor(x, nat, op, arg)  # raises OverflowError when out of range
    return True


def rule_dtype(op, rule, *args):
    """``result`` with a cache keyed on tensor dtypes and Python scalar types (the hot path)."""
    keys = []
    for a in args:
        if isinstance(a, Tensor):
            keys.append(a.dtype)
        elif type(a) in _SAMPLE:
            keys.append(type(a))
        else:
            return result(op, rule, *args)
    return _cached_rule(rule, config.floatx(), tuple(keys))


@functools.lru_cache(maxsize=4096)
def _cached_rule(rule, floatx, keys):
    return rule(*[_SAMPLE[k] if k in _SAMPLE else torch.empty(0, dtype=k) for k in keys])


def scalar_tensor(x, nat, op, arg):
    try:
        return torch.tensor(x, dtype=nat)
    except RuntimeError:
        raise OverflowError(
            f"{op}: Python scalar `{arg}`={x!r} is out of bounds for dtype {NAMES[nat]}."
        ) from None


def as_dtype(x, dtype, op, arg="x"):
    nat = native(dtype)
    if isinstance(x, Tensor):
        return x if x.dtype == nat else x.to(nat)
    if isinstance(x, (bool, int, float, complex)) and not isinstance(x, np.generic):
        return scalar_tensor(x, nat, op, arg)
    t = tensor(x, op, arg)
    return t if t.dtype == nat else t.to(nat)


def cast(t, dtype):
    nat = native(dtype)
    return t if t.dtype == nat else t.to(nat)


def ints_to_float(t):
    return t if t.dtype in INEXACT else t.to(floatx())


# ---------------------------------------------------------------- dtype checks
def require_integer(op, *ts, allow_bool=True):
    for t in ts:
        ok = t.dtype in INTS or (allow_bool and t.dtype == torch.bool)
        if not ok:
            kind = "integer or boolean" if allow_bool else "integer"
            raise TypeError(f"{op}: expected {kind} inputs; received dtype {name(t)}.")


def require_real(op, *ts):
    for t in ts:
        if t.dtype in COMPLEX:
            raise TypeError(f"{op}: complex inputs are not supported; received {name(t)}.")


# ---------------------------------------------------------------- wide unsigned ints
# torch's CPU kernels lack most ops for uint16/uint32/uint64. Arithmetic runs in int64
# (exact modulo 2**64); ordering uses a key that maps unsigned order to signed order.
def widen_arith(t):
    if t.dtype == torch.uint64:
        return t.view(torch.int64)
    if t.dtype in WIDE_UINTS:
        return t.to(torch.int64)
    return t


def narrow_arith(t, nat):
    if nat == torch.uint64:
        return t.view(torch.uint64) if t.dtype == torch.int64 else t.to(torch.uint64)
    return t if t.dtype == nat else t.to(nat)


def widen_order(t):
    if t.dtype == torch.uint64:
        return t.view(torch.int64) ^ I64_MIN
    if t.dtype in WIDE_UINTS:
        return t.to(torch.int64)
    return t


def narrow_order(t, nat):
    if nat == torch.uint64:
        return (t ^ I64_MIN).view(torch.uint64)
    return t if t.dtype == nat else t.to(nat)


def on_wide(fn, t, *args, **kwargs):
    if t.dtype in WIDE_UINTS:
        return narrow_arith(fn(widen_arith(t), *args, **kwargs), t.dtype)
    return fn(t, *args, **kwargs)


def half_to_float(t):
    return t.to(torch.float32) if t.dtype in (torch.float16, torch.bfloat16) else t


# ---------------------------------------------------------------- shapes and axes
def broadcastable(*shapes):
    try:
        torch.broadcast_shapes(*shapes)
    except RuntimeError:
        return False
    return True


def broadcast_error(op, *ts):
    shapes = " and ".join(str(tuple(t.shape)) for t in ts)
    return ValueError(f"{op}: operands could not be broadcast together; shapes {shapes}.")


def reraise(op, err, *ts):
    if not broadcastable(*[t.shape for t in ts]):
        raise broadcast_error(op, *ts) from None
    raise err


def _axis_int(op, axis, ndim, shape):
    if isinstance(axis, Tensor):
        axis = int(axis)
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{op}: `axis` must be an int or a tuple of ints; received {axis!r}.")
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op}: axis {axis} is out of bounds for a tensor of rank {ndim} "
            f"(shape {tuple(shape)})."
        )
    return axis % ndim if ndim else axis


def axis(op, ax, t):
    return _axis_int(op, ax, t.ndim, t.shape)


def axis_nd(op, ax, ndim, shape):
    return _axis_int(op, ax, ndim, shape)


def axes(op, ax, t):
    """None -> None (every axis); an int or a sequence -> a tuple of distinct axes."""
    if ax is None:
        return None
    if isinstance(ax, (list, tuple)):
        out = tuple(_axis_int(op, a, t.ndim, t.shape) for a in ax)
        if len(set(out)) != len(out):
            raise ValueError(f"{op}: repeated axis in axis={ax!r}.")
        return out
    return (_axis_int(op, ax, t.ndim, t.shape),)


def all_dims(t):
    return tuple(range(t.ndim))


def shape_tuple(op, shape, arg="shape"):
    if isinstance(shape, Tensor):
        shape = shape.tolist()
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        out = tuple(int(s) for s in shape)
    except (TypeError, ValueError):
        raise TypeError(f"{op}: `{arg}` must be a tuple of ints; received {shape!r}.") from None
    for s in out:
        if s < 0:
            raise ValueError(f"{op}: `{arg}` must not hold negative sizes; received {shape!r}.")
    return out


def is_scalar(x):
    return isinstance(x, (bool, int, float, complex)) and not isinstance(x, np.generic)
