"""Helpers shared by the torch backend's op modules: conversion, result dtypes, axes,
broadcasting checks, wide unsigned integers, convolution windows and image layout.

The first block (``tensor`` ... ``float_binary``) is the contract every backend's
``op_helpers.py`` offers with the same names and signatures. The result-dtype helpers
only read each argument's dtype (``dtype_of``) and hand it to
``keras_core.backend.common.dtype_rules``, which holds the rules themselves; the
results are cached per (op, floatx, argument dtypes), since they run on every call.
"""

import builtins
import functools

import numpy as np
import torch
import torch.nn.functional as F

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.torch.core import (
    _FROM_TORCH,
    _TORCH_DTYPES,
    Variable,
    convert_to_tensor,
    to_native_dtype,
)

Tensor = torch.Tensor
NATIVE = _TORCH_DTYPES  # keras dtype name -> torch dtype
# The concrete classes of eager tensors an op's fast path accepts as is (variables'
# values are Parameters).
TENSOR_TYPES = frozenset({torch.Tensor, torch.nn.Parameter})
NAMES = _FROM_TORCH  # torch dtype -> keras dtype name
INDEX = dtype_rules.INDEX_DTYPE
INDEX_T = NATIVE[INDEX]
FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
COMPLEX = (torch.complex64, torch.complex128)
INEXACT = FLOATS + COMPLEX
WIDE_UINTS = (torch.uint16, torch.uint32, torch.uint64)
SIGNED = (torch.int8, torch.int16, torch.int32, torch.int64)
UNSIGNED = (torch.uint8,) + WIDE_UINTS
INTS = SIGNED + UNSIGNED
I64_MIN = -(2**63)
SCALAR_TYPES = frozenset((bool, int, float, complex))


def get_device():
    """The device the torch backend computes on (CPU only)."""
    return "cpu"


def name(t):
    """The keras dtype name of a torch tensor."""
    return NAMES[t.dtype]


def native(dtype):
    """The torch dtype of a keras dtype name (or anything ``to_native_dtype`` takes)."""
    return NATIVE[dtype] if dtype in NATIVE else to_native_dtype(dtype)


def floatx():
    """The torch dtype of ``config.floatx()``."""
    return NATIVE[config.floatx()]


def _has_string(x):
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "USO"
    if isinstance(x, (list, tuple)):
        return builtins.any(_has_string(e) for e in x)
    return False


# ---------------------------------------------------------------- the shared contract
def tensor(x, op="op", arg="x"):
    """``x`` as a torch tensor, keeping its dtype; strings and None raise a TypeError."""
    if isinstance(x, Tensor):
        return x
    if isinstance(x, Variable):
        return x.value
    if x is None:
        raise TypeError(f"{op}: `{arg}` must be a tensor. Received: {arg}=None")
    if _has_string(x):
        raise TypeError(
            f"{op}: argument `{arg}` must be numeric; received a string value "
            f"({type(x).__name__}). The torch backend has no string tensors."
        )
    try:
        t = convert_to_tensor(x)
    except (TypeError, ValueError, RuntimeError) as e:
        raise TypeError(
            f"{op}: could not convert argument `{arg}` of type {type(x).__name__} to a tensor: {e}"
        ) from None
    if isinstance(x, (np.ndarray, np.generic)) and x.ndim == 0 and t.ndim:
        t = t.reshape(())  # core.convert_to_tensor gives 0-d NumPy values shape (1,)
    return t


def dtype_of(x, op="op"):
    """The keras dtype name of ``x``, or its Python type (bool, int, float, complex) if weak."""
    if isinstance(x, Tensor):
        d = NAMES.get(x.dtype)
        if d is not None:
            return d
    elif type(x) in SCALAR_TYPES:
        return type(x)
    if _has_string(x) or getattr(getattr(x, "dtype", None), "kind", "") in ("U", "S", "O"):
        raise TypeError(f"{op}: arguments must be numeric; received a string value.")
    return dtype_rules.dtype_of(x)


def cast(x, dtype):
    """``x`` as a torch tensor of the keras dtype name ``dtype`` (no copy if it already is)."""
    nat = native(dtype)
    if not isinstance(x, Tensor):
        return as_dtype(x, dtype, "cast")
    return x if x.dtype == nat else x.to(nat)


@functools.lru_cache(maxsize=4096)
def _rule(rule, op, floatx_name, dtypes):
    # ``floatx_name`` keys the cache: the rules give weak floats the dtype floatx().
    return rule(*dtypes, op=op)


def result_type(op, *args):
    """The promoted dtype of the arguments (add, maximum, where, ...)."""
    dtypes = tuple(dtype_of(a, op) for a in args)
    return _rule(dtype_rules.promote_dtypes, op, config.floatx(), dtypes)


def float_type(op, *args):
    """The floating result dtype of the arguments (true_divide, sqrt, mean, ...)."""
    dtypes = tuple(dtype_of(a, op) for a in args)
    return _rule(dtype_rules.float_result_dtype, op, config.floatx(), dtypes)


def unary_type(op, x):
    """The dtype of unary arithmetic keeping the dtype (abs, negative, ...): bool -> int32."""
    return _rule(dtype_rules.unary_result_dtype, op, config.floatx(), (dtype_of(x, op),))


def sum_type(op, x, dtype=None):
    """The accumulator dtype of sum/prod/cumsum/...; ``dtype`` is the op's own argument."""
    if dtype is not None:
        return dtype_rules.sum_result_dtype(dtype_of(x, op), dtype, op=op)
    return _rule(dtype_rules.sum_result_dtype, op, config.floatx(), (dtype_of(x, op),))


def promote_no_bool(op, *args):
    """``result_type`` with bool read as int32 (clip, power, mod, shifts, ...)."""
    return dtype_rules.unary_result_dtype(result_type(op, *args), op=op)


def canonical_axis(op, axis, ndim, arg="axis"):
    """``axis`` as an int in ``[0, ndim)``; a clear error naming ``op`` and ``arg`` otherwise."""
    if isinstance(axis, Tensor):
        axis = int(axis)
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{op}: `{arg}` must be an int or a tuple of ints; received {axis!r}.")
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op}: {arg} {axis} is out of bounds for a tensor of rank {ndim} "
            f"(expected {arg} in [{-ndim}, {ndim - 1}])."
        )
    return axis % ndim


def canonical_axes(op, axis, ndim, arg="axis"):
    """``axis`` (None, an int or a sequence) as a tuple of distinct ints; None is every axis."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (list, tuple)):
        out = tuple(canonical_axis(op, a, ndim, arg) for a in axis)
        if len(set(out)) != len(out):
            raise ValueError(f"{op}: repeated axis in {arg}={axis!r}.")
        return out
    return (canonical_axis(op, axis, ndim, arg),)


def check_broadcast(op, *xs):
    """Raises ``broadcast_error`` unless the shapes of ``xs`` broadcast together."""
    shapes = [tuple(x.shape) for x in xs]
    if not broadcastable(*shapes):
        raise broadcast_error(op, *shapes)


def broadcast_error(op, *shapes):
    """The ValueError for operands of ``op`` whose shapes do not broadcast."""
    text = " and ".join(str(tuple(s)) for s in shapes)
    return ValueError(f"{op}: operands could not be broadcast together; shapes {text}.")


def float_unary(op, fn, x):
    """``fn`` of ``x`` cast to ``float_type(op, x)`` (floating and complex inputs as they are)."""
    t = tensor(x, op)
    if t.dtype not in INEXACT:
        t = cast(t, float_type(op, t))
    return fn(t)


def float_binary(op, fn, x1, x2):
    """``fn`` of both inputs cast to ``float_type(op, x1, x2)``.

    The torch kernels used this way (atan2, hypot, logaddexp, nextafter) are real-only:
    complex inputs raise a TypeError naming ``op``.
    """
    a, c = cast_pair(op, x1, x2, float_type(op, x1, x2))
    require_real(op, a)
    return call_binary(op, fn, a, c)


# ---------------------------------------------------------------- conversion and dtype checks
def scalar_tensor(x, nat, op, arg):
    """A Python scalar as a tensor of torch dtype ``nat``; OverflowError if out of range."""
    try:
        return torch.tensor(x, dtype=nat)
    except RuntimeError:
        raise OverflowError(
            f"{op}: Python scalar `{arg}`={x!r} is out of bounds for dtype {NAMES[nat]}."
        ) from None


def scalar_fits(x, nat, op, arg):
    """True when Python scalar ``x`` can be passed to torch alongside a tensor of dtype ``nat``."""
    if type(x) is int and nat in INTS + (torch.bool,):
        info = torch.iinfo(nat) if nat != torch.bool else None
        if info is None or not info.min <= x <= info.max:
            scalar_tensor(x, nat, op, arg)  # raises OverflowError when out of range
    return True


def as_dtype(x, dtype, op, arg="x"):
    """Any op argument as a tensor of keras dtype ``dtype``, naming ``op``/``arg`` in errors."""
    nat = native(dtype)
    if isinstance(x, Tensor):
        return x if x.dtype == nat else x.to(nat)
    if isinstance(x, (bool, int, float, complex)) and not isinstance(x, np.generic):
        return scalar_tensor(x, nat, op, arg)
    t = tensor(x, op, arg)
    return t if t.dtype == nat else t.to(nat)


def cast_pair(op, x1, x2, dtype):
    """Both operands of a binary op as tensors of ``dtype``."""
    return as_dtype(x1, dtype, op, "x1"), as_dtype(x2, dtype, op, "x2")


def call_binary(op, fn, x1, x2):
    """``fn(x1, x2)``; a failure on shapes that do not broadcast raises ``broadcast_error``."""
    try:
        return fn(x1, x2)
    except RuntimeError as e:
        reraise(op, e, x1, x2)


def ints_to_float(t):
    """Integer and boolean tensors as floatx(); floating and complex ones unchanged."""
    return t if t.dtype in INEXACT else t.to(floatx())


def to_float(x, op="op"):
    """``convert_to_tensor(x)`` cast to ``float_type(op, x)``."""
    x = convert_to_tensor(x)
    nat = native(float_type(op, x))
    return x if x.dtype == nat else x.to(nat)


def half_to_float(t):
    """float16/bfloat16 as float32: torch's CPU FFT, linalg and some kernels lack half types."""
    return t.to(torch.float32) if t.dtype in (torch.float16, torch.bfloat16) else t


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


def is_scalar(x):
    return isinstance(x, (bool, int, float, complex)) and not isinstance(x, np.generic)


def search_pair(op, a, v):
    """The sorted sequence and the values of a search, in one dtype ordered like the inputs."""
    dtype = result_type(op, a, v)
    s = as_dtype(a, dtype, op, "sorted_sequence")
    t = as_dtype(v, dtype, op, "values")
    require_real(op, s)
    if s.dtype == torch.bool:
        s, t = s.to(torch.uint8), t.to(torch.uint8)
    return widen_order(s), widen_order(t)


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


# ---------------------------------------------------------------- shapes
def broadcastable(*shapes):
    try:
        torch.broadcast_shapes(*shapes)
    except RuntimeError:
        return False
    return True


def reraise(op, err, *ts):
    """Re-raises ``err`` from a torch call, as ``broadcast_error`` if shapes were the cause."""
    shapes = [tuple(t.shape) for t in ts]
    if not broadcastable(*shapes):
        raise broadcast_error(op, *shapes) from None
    raise err


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


# ---------------------------------------------------------------- convolution layout and windows
def standardize_data_format(op, data_format):
    value = config.image_data_format() if data_format is None else data_format
    value = str(value).lower()
    if value not in ("channels_last", "channels_first"):
        raise ValueError(
            f"{op}: `data_format` must be 'channels_last' or 'channels_first'. "
            f"Received: data_format={data_format!r}"
        )
    return value


def standardize_padding(op, padding):
    value = str(padding).lower()
    if value not in ("valid", "same"):
        raise ValueError(
            f"{op}: `padding` must be 'valid' or 'same'. Received: padding={padding!r}"
        )
    return value


def int_tuple(op, value, n, name):
    if isinstance(value, int) and not isinstance(value, bool):
        out = (value,) * n
    else:
        try:
            out = tuple(int(v) for v in value)
        except TypeError as e:
            raise TypeError(
                f"{op}: `{name}` must be an int or a tuple of {n} ints. Received: {name}={value!r}"
            ) from e
        if len(out) == 1:
            out = out * n
    if len(out) != n or any(v < 1 for v in out):
        raise ValueError(
            f"{op}: `{name}` must be a positive int or a tuple of {n} positive ints. "
            f"Received: {name}={value!r}"
        )
    return out


def to_channels_first(x, data_format):
    if data_format == "channels_first":
        return x
    return x.permute(0, x.ndim - 1, *range(1, x.ndim - 1))


def from_channels_first(x, data_format):
    if data_format == "channels_first":
        return x
    return x.permute(0, *range(2, x.ndim), 1)


def pad_spatial(x, pads, value=0.0):
    # x is channels-first; pads is one (before, after) pair per spatial dim.
    flat = []
    for before, after in reversed(pads):
        flat += [before, after]
    if not any(flat):
        return x
    return F.pad(x, flat, value=value)


def check_valid_window(op, x_cf, window, dilation, name):
    spatial = tuple(x_cf.shape[2:])
    effective = tuple(shape_rules.effective_kernel(k, d) for k, d in zip(window, dilation))
    if any(e > s for e, s in zip(effective, spatial)):
        raise ValueError(
            f"{op}: with padding='valid' the {name} {tuple(window)} (dilated: {effective}) "
            f"must fit in the input's spatial shape {spatial}."
        )


def conv_padded(op, x_cf, window, strides, dilation, padding, name, value=0.0):
    if padding == "same":
        pads = [
            shape_rules.same_padding(s, k, st, d)
            for s, k, st, d in zip(x_cf.shape[2:], window, strides, dilation)
        ]
        return pad_spatial(x_cf, pads, value)
    check_valid_window(op, x_cf, window, dilation, name)
    return x_cf


def windows(x_cf, window, strides):
    # Sliding windows of a channels-first tensor: (..., *out_spatial, *window), any dtype.
    n = len(window)
    for i in range(n):
        x_cf = x_cf.unfold(2 + i, window[i], strides[i])
    return x_cf


# ---------------------------------------------------------------- images
def channels_first_images(op, images, data_format, ranks=(3, 4)):
    x = convert_to_tensor(images)
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `images` must have rank {' or '.join(map(str, ranks))}. "
            f"Received: images.shape={tuple(x.shape)}"
        )
    df = standardize_data_format(op, data_format)
    unbatched = len(ranks) > 1 and x.ndim == min(ranks)
    if unbatched:
        x = x[None]
    return to_channels_first(x, df), df, unbatched


def restore_images(y, df, unbatched):
    y = from_channels_first(y, df)
    return y[0] if unbatched else y


def native_float_dtype(x, op="op"):
    return native(float_type(op, x))


def work_dtype(dtype):
    if dtype in (torch.float32, torch.float64):
        return dtype
    return torch.float32


def check_choice(op, value, choices, name):
    if value not in choices:
        raise ValueError(f"{op}: `{name}` must be one of {choices}. Received: {name}={value!r}")


def _keys_cubic(x, a=-0.5):
    x = torch.abs(x)
    near = ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
    far = ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a
    return torch.where(x <= 1.0, near, torch.where(x < 2.0, far, torch.zeros_like(x)))


def _resize_kernel(method):
    if method == "linear":
        return lambda x: torch.clamp(1.0 - torch.abs(x), min=0.0)
    if method == "cubic":
        return _keys_cubic
    radius = 3.0 if method == "lanczos3" else 5.0
    return lambda x: torch.where(
        torch.abs(x) < radius, torch.sinc(x) * torch.sinc(x / radius), torch.zeros_like(x)
    )


def kernel_weights(in_size, out_size, method, scale, translation, antialias):
    # (out_size, in_size) resampling matrix in float64: output sample i reads the input at
    # ((i + 0.5) - translation) / scale - 0.5, through the kernel widened by 1/scale when
    # antialiasing a downscale; weights are renormalized over in-range input samples.
    scale = torch.as_tensor(scale, dtype=torch.float64)
    translation = torch.as_tensor(translation, dtype=torch.float64)
    inv = 1.0 / scale
    kernel_scale = torch.clamp(inv, min=1.0) if antialias else torch.ones_like(inv)
    sample = (torch.arange(out_size, dtype=torch.float64) + 0.5) * inv - translation * inv - 0.5
    dist = (sample[:, None] - torch.arange(in_size, dtype=torch.float64)[None, :]) / kernel_scale
    w = _resize_kernel(method)(dist)
    total = w.sum(dim=1, keepdim=True)
    w = torch.where(
        torch.abs(total) > 1000 * torch.finfo(torch.float32).eps,
        w / torch.where(total != 0, total, torch.ones_like(total)),
        torch.zeros_like(w),
    )
    inside = (sample >= -0.5) & (sample <= in_size - 0.5)
    return torch.where(inside[:, None], w, torch.zeros_like(w))


def apply_weights(x, weights, axis):
    # Contracts `axis` of x with weights (out, in): the result has `out` at `axis`.
    moved = x.movedim(axis, -1)
    return torch.matmul(moved, weights.to(x.dtype).T).movedim(-1, axis)


def gaussian_1d(size, sigma, dtype):
    coords = torch.arange(size, dtype=torch.float64) - (size - 1) / 2.0
    g = torch.exp(-0.5 * torch.square(coords / sigma))
    return (g / g.sum()).to(dtype)


def depthwise_same(x, kernel2d):
    # Zero-padded 'same' depthwise filtering of (batch, channels, H, W) by a 2-D kernel.
    c = x.shape[1]
    kh, kw = kernel2d.shape
    pads = [
        shape_rules.same_padding(x.shape[2], kh, 1, 1),
        shape_rules.same_padding(x.shape[3], kw, 1, 1),
    ]
    weight = kernel2d.to(x.dtype).expand(c, 1, kh, kw)
    return F.conv2d(pad_spatial(x, pads), weight, groups=c)
