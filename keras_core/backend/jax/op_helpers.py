"""Helpers shared by the jax backend's op modules: conversion, result dtypes, axes, checks.

The first block (``tensor`` ... ``float_binary``) is the contract every backend's
``op_helpers.py`` offers with the same names and signatures; the result-dtype
helpers only read each argument's dtype and hand it to
``keras_core.backend.common.dtype_rules``, which holds the rules themselves.
The rest are jax-specific helpers used by more than one op module.
"""

import operator

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules, shape_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.python_types import nested_default_dtype
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.core import convert_to_tensor

INT_KINDS = "iub"  # NumPy dtype kinds of integer and boolean tensors

_PY_SCALARS = (int, float, complex, bool)
_WEAK_OF_KIND = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
_NAMES = {}


def _name(dtype):
    name = _NAMES.get(dtype)
    if name is None:
        name = _NAMES[dtype] = dt.standardize_dtype(dtype)
    return name


def has_str(x) -> bool:
    """Whether ``x`` is, or (nested) holds, a string."""
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        return any(has_str(v) for v in x)
    return isinstance(x, np.ndarray) and x.dtype.kind in "USO"


def string_error(op, x, arg=None) -> TypeError:
    """The TypeError for a string given where ``op`` needs numbers."""
    if arg is None:
        return TypeError(f"{op}: expected a numeric tensor, received a string value: {x!r:.80}")
    return TypeError(f"{op}: `{arg}` must be numeric. Received a string value: {arg}={x!r:.80}")


def check_numeric(op, x, arg=None):
    """Raises ``string_error`` if ``x`` holds strings."""
    if has_str(x):
        raise string_error(op, x, arg)


# ----------------------------------------------------------------------------- shared contract


def tensor(x, op="op", arg="x"):
    """Converts an op argument to a jax array (keeping its dtype)."""
    if isinstance(x, jax.Array):
        return x
    if isinstance(x, KerasVariable):
        return x.value
    if has_str(x):
        raise string_error(op, x, arg)
    if x is None:
        raise TypeError(f"{op}: `{arg}` must be a tensor. Received: {arg}=None")
    return convert_to_tensor(x)


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
            raise string_error(op, x)
        return _name(x.dtype)
    if isinstance(x, (list, tuple)):
        d = nested_default_dtype(x)
        if d is not None:
            return d
        return _name(tensor(x, op).dtype)
    if isinstance(x, (str, bytes)):
        raise string_error(op, x)
    if hasattr(x, "dtype"):
        return dt.standardize_dtype(x.dtype)
    raise TypeError(f"{op}: expected a tensor or a number, received {type(x).__name__}: {x!r:.80}")


def cast(x, dtype):
    """``x`` as a jax array of ``dtype`` (a canonical name); Python values convert directly."""
    if isinstance(x, jax.Array):
        if x.dtype == dtype and not x.weak_type:
            return x
        return x.astype(dtype)
    if isinstance(x, KerasVariable):
        return cast(x.value, dtype)
    if has_str(x):
        raise string_error(f"cast to {dtype}", x)
    return jnp.asarray(x, dtype=dtype)


def result_type(op, *args):
    """The promoted dtype of the arguments (add, maximum, where, ...)."""
    return dtype_rules.promote_dtypes(*[dtype_of(a, op) for a in args], op=op)


def float_type(op, *args):
    """The floating result dtype of the arguments (divide, sqrt, mean, ...)."""
    return dtype_rules.float_result_dtype(*[dtype_of(a, op) for a in args], op=op)


def unary_type(op, x):
    """The dtype of unary arithmetic that keeps the dtype (abs, negative, ...)."""
    return dtype_rules.unary_result_dtype(dtype_of(x, op), op=op)


def sum_type(op, x, dtype=None):
    """The accumulator dtype of sum/prod/cumsum/... (``dtype`` is the op's own argument)."""
    return dtype_rules.sum_result_dtype(dtype_of(x, op), dtype, op=op)


def _axis_index(op, axis, ndim, shape, arg):
    try:
        axis = operator.index(axis)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{arg}` must be an int or a tuple of ints. Received: {arg}={axis!r}"
        ) from e
    if not -ndim <= axis < ndim:
        where = f"rank {ndim}" + ("" if shape is None else f" (shape {tuple(shape)})")
        raise ValueError(
            f"{op}: {arg}={axis} is out of bounds for a tensor of {where}; "
            f"expected {arg} in [{-ndim}, {ndim - 1}]."
        )
    return axis % ndim


def canonical_axis(op, axis, ndim, arg="axis"):
    """One axis of a rank-``ndim`` tensor, as an int in ``[0, ndim)``."""
    return _axis_index(op, axis, ndim, None, arg)


def _axes_tuple(op, axis, ndim, shape, arg):
    axes = tuple(_axis_index(op, a, ndim, shape, arg) for a in axis)
    if len(set(axes)) != len(axes):
        raise ValueError(f"{op}: `{arg}` has repeated axes. Received: {arg}={axis}")
    return axes


def canonical_axes(op, axis, ndim, arg="axis"):
    """None (all axes), an int or a sequence of ints, as a tuple of distinct ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (list, tuple)):
        return _axes_tuple(op, axis, ndim, None, arg)
    return (canonical_axis(op, axis, ndim, arg),)


def shape_of(x):
    if hasattr(x, "shape"):
        return tuple(x.shape)
    return np.shape(x)


def broadcastable(s1, s2) -> bool:
    """Whether two shapes broadcast together."""
    for a, b in zip(reversed(s1), reversed(s2)):
        if a != b and a != 1 and b != 1:
            return False
    return True


def check_broadcast(op, *xs):
    """Raises ``broadcast_error`` unless the arguments' shapes broadcast together."""
    shapes = [shape_of(a) for a in xs]
    for i, s in enumerate(shapes[1:], 1):
        for t in shapes[:i]:
            if not broadcastable(t, s):
                raise broadcast_error(op, *shapes)


def broadcast_error(op, *shapes):
    listed = " and ".join(str(tuple(s)) for s in shapes)
    return ValueError(f"{op}: shapes {listed} cannot be broadcast together.")


def float_unary(op, fn, x):
    """``fn`` of ``x`` computed in (and returning) ``float_type(op, x)``."""
    return fn(cast(x, float_type(op, x)))


def float_binary(op, fn, x1, x2):
    """``fn(x1, x2)`` computed in ``float_type(op, x1, x2)``; Python scalars stay weak."""
    a, b = prepare(op, float_type(op, x1, x2), x1, x2)
    return call_binary(op, fn, a, b)


# ----------------------------------------------------------------------------- dtypes


def real_type(dtype):
    """The real dtype of a complex dtype's parts (other dtypes unchanged)."""
    return {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)


def to_float(x, *others):
    """``x`` as a jax array of ``dtype_rules.float_dtype(x, *others)``."""
    x = convert_to_tensor(x)
    d = dtype_rules.float_dtype(x, *others)
    return x if x.dtype == d else x.astype(d)


def _cast_operand(x, dtype):
    # like ``cast``, but a Python scalar stays a (weak) Python scalar for jnp
    if type(x) in _PY_SCALARS:
        return x
    return cast(x, dtype)


_INT_RANGES = {
    name: (int(np.iinfo(name).min), int(np.iinfo(name).max))
    for name in dt.INT_TYPES + dt.UINT_TYPES
}


def prepare(op, dtype, *args, check_range=True):
    """Casts every argument to ``dtype``; Python scalars stay weak when a tensor is present.

    With ``check_range``, a Python int that does not fit an integer ``dtype`` raises
    OverflowError, as in NumPy (comparisons pass ``False``: they accept any int).
    """
    if any(type(a) not in _PY_SCALARS for a in args):
        if check_range and dtype in _INT_RANGES:
            lo, hi = _INT_RANGES[dtype]
            for a in args:
                if type(a) is int and not lo <= a <= hi:
                    raise OverflowError(f"{op}: Python integer {a} is out of bounds for {dtype}.")
        return [_cast_operand(a, dtype) for a in args]
    return [cast(a, dtype) for a in args]


def call_binary(op, fn, a, b):
    """``fn(a, b)``, turning a jax broadcasting failure into a ValueError naming ``op``."""
    try:
        return fn(a, b)
    except (TypeError, ValueError) as e:
        if not broadcastable(shape_of(a), shape_of(b)):
            raise broadcast_error(op, shape_of(a), shape_of(b)) from e
        raise


# ----------------------------------------------------------------------------- shapes and axes


def broadcasts_to(src, dst) -> bool:
    """Whether shape ``src`` broadcasts to exactly ``dst``."""
    if len(src) > len(dst):
        return False
    return all(s in (1, d) for s, d in zip(reversed(src), reversed(dst)))


def without_axis(shape, axis):
    return tuple(shape[:axis]) + tuple(shape[axis + 1 :])


def shape_arg(op, shape):
    """An int or a sequence of ints (or a 1-D tensor) as a tuple of non-negative ints."""
    if isinstance(shape, (list, tuple)) or (hasattr(shape, "shape") and len(shape.shape) == 1):
        dims = tuple(as_int(op, d, "shape") for d in shape)
    else:
        dims = (as_int(op, shape, "shape"),)
    if any(d < 0 for d in dims):
        raise ValueError(f"{op}: `shape` must hold non-negative ints. Received: shape={shape}")
    return dims


def check_axis(op, axis, x, arg="axis"):
    """One axis that must exist in ``x``; returns it non-negative (errors show x's shape)."""
    return _axis_index(op, axis, x.ndim, x.shape, arg)


def norm_axis(op, axis, x, arg="axis"):
    """None, an int or a sequence of ints, checked against ``x``'s rank; returns None/int/tuple."""
    if axis is None:
        return None
    ndim, shape = x.ndim, x.shape
    if isinstance(axis, (list, tuple)):
        return _axes_tuple(op, axis, ndim, shape, arg)
    if ndim == 0 and as_int(op, axis, arg) in (0, -1):
        return None  # NumPy accepts axis 0 and -1 when reducing a 0-d tensor
    return _axis_index(op, axis, ndim, shape, arg)


def check_nonempty_reduction(op, x, axis):
    """max/min/argmax/... of an empty axis have no identity: NumPy raises ValueError."""
    if axis is None:
        axes = range(x.ndim)
    else:
        axes = axis if isinstance(axis, tuple) else (axis,)
    if x.size == 0 and any(x.shape[a] == 0 for a in axes):
        raise ValueError(
            f"{op}: cannot reduce an empty tensor (shape {tuple(x.shape)}) along axis={axis}: "
            "the operation has no identity."
        )


# ----------------------------------------------------------------------------- argument checks


def as_int(op, value, arg):
    try:
        return operator.index(value)
    except TypeError as e:
        raise TypeError(f"{op}: `{arg}` must be an int. Received: {arg}={value!r}") from e


def check_dtype_kind(op, x, kinds, what, arg="x"):
    if x.dtype.kind not in kinds:
        raise TypeError(f"{op}: `{arg}` must be {what}. Received: {arg}.dtype={_name(x.dtype)}")


def check_choice(op, arg, value, choices):
    if value not in choices:
        raise ValueError(f"{op}: `{arg}` must be one of {choices}. Received: {arg}={value!r}")


def check_rank(op, x, ranks, arg="x"):
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `{arg}` must have rank in {tuple(ranks)}. "
            f"Received: {arg}.shape={tuple(x.shape)}"
        )


def check_min_rank(op, x, rank, arg="x"):
    if x.ndim < rank:
        raise ValueError(
            f"{op}: `{arg}` must have rank >= {rank}. Received: {arg}.shape={tuple(x.shape)}"
        )


def int_tuple(op, value, n, arg):
    """A positive int or a sequence of ``n`` positive ints, as a tuple of ``n`` ints."""
    try:
        if isinstance(value, (list, tuple)):
            out = tuple(operator.index(v) for v in value)
        else:
            out = (operator.index(value),)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{arg}` must be an int or a tuple of {n} ints. Received: {arg}={value!r}"
        ) from e
    if len(out) == 1:
        out = out * n
    if len(out) != n or any(v < 1 for v in out):
        raise ValueError(
            f"{op}: `{arg}` must be a positive int or a tuple of {n} positive ints. "
            f"Received: {arg}={value!r}"
        )
    return out


def padding_arg(op, padding):
    """'same' or 'valid' (any case), lower-cased."""
    p = padding.lower() if isinstance(padding, str) else padding
    if p not in ("same", "valid"):
        raise ValueError(
            f"{op}: `padding` must be 'same' or 'valid'. Received: padding={padding!r}"
        )
    return p


# ----------------------------------------------------------------------------- traced values


def is_traced(x) -> bool:
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
    """The int32 indices of the nonzero elements of ``x``, one array per axis."""
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
    return tuple(i.astype(dtype_rules.INDEX_DTYPE) for i in jnp.nonzero(x))


# ----------------------------------------------------------------------------- windows and images


def window_slices(op, x, axes, window, strides, dilation, pads):
    """The strided views of ``x`` for every window offset (row-major), and the output sizes."""
    pad_width = [(0, 0)] * x.ndim
    for a, p in zip(axes, pads):
        pad_width[a] = p
    x = jnp.pad(x, pad_width)
    counts = [
        shape_rules.conv_output_length(x.shape[a], k, st, "valid", d)
        for a, k, st, d in zip(axes, window, strides, dilation)
    ]
    if any(c < 1 for c in counts):
        raise ValueError(
            f"{op}: the window {tuple(window)} (dilation {tuple(dilation)}) does not fit the "
            f"padded input of shape {tuple(x.shape)}."
        )
    views = []
    for offset in np.ndindex(*window):
        index = [slice(None)] * x.ndim
        for a, o, st, d, c in zip(axes, offset, strides, dilation, counts):
            index[a] = slice(o * d, o * d + (c - 1) * st + 1, st)
        views.append(x[tuple(index)])
    return views, counts


def images_nhwc(op, images, data_format, ranks=(3, 4), arg="images"):
    """``images`` as a channels-last batch, and the layout to give ``restore_layout``."""
    x = convert_to_tensor(images)
    if x.ndim not in ranks:
        raise ValueError(
            f"{op}: `{arg}` must have rank {' or '.join(map(str, ranks))}. "
            f"Received: {arg}.shape={tuple(x.shape)}"
        )
    data_format = config.standardize_data_format(data_format)
    unbatched = len(ranks) > 1 and x.ndim == min(ranks)
    if unbatched:
        x = x[None]
    if data_format == "channels_first":
        x = jnp.moveaxis(x, 1, -1)
    return x, (unbatched, data_format)


def restore_layout(x, layout):
    """Undoes ``images_nhwc``: back to the caller's data format and batching."""
    unbatched, data_format = layout
    if data_format == "channels_first":
        x = jnp.moveaxis(x, -1, 1)
    return x[0] if unbatched else x


def _gaussian_kernel_1d(size, sigma, dtype):
    x = jnp.arange(size, dtype=dtype) - (size - 1) / 2
    g = jnp.exp(-(x**2) / (2 * jnp.asarray(sigma, dtype) ** 2))
    return g / jnp.sum(g)


def blur_nhwc(x, kernel_size, sigma, padding="same"):
    """A Gaussian blur of a channels-last float batch, each channel on its own."""
    # imported here: nn_conv imports this module
    from keras_core.backend.jax.nn_conv import depthwise_conv

    ky = _gaussian_kernel_1d(kernel_size[0], sigma[0], x.dtype)
    kx = _gaussian_kernel_1d(kernel_size[1], sigma[1], x.dtype)
    kernel = jnp.outer(ky, kx)[:, :, None, None]
    kernel = jnp.tile(kernel, (1, 1, x.shape[-1], 1))
    return depthwise_conv(x, kernel, 1, padding, "channels_last")
