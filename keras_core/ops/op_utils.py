"""Helpers shared by the op declarations: the ``Tensor`` type, shape inference,
argument checks and the namespace builder.

This is machinery, not ops: nothing here is exported by ``keras_core.ops``.
"""

import operator
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias, Union

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.exports import defined_functions
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.backend.common.variables import KerasVariable

if TYPE_CHECKING:  # for type checkers only: no framework is imported at run time
    import jax
    import tensorflow
    import torch

# What an op accepts as a tensor argument (and what it returns): a tensor of the
# active backend (named as forward references, so no framework is imported), a
# NumPy array, a symbolic KerasTensor, a Variable, or a Python number or
# (nested) sequence of numbers.
Tensor: TypeAlias = Union[
    "tensorflow.Tensor",
    "jax.Array",
    "torch.Tensor",
    np.ndarray,
    np.generic,
    KerasTensor,
    KerasVariable,
    bool,
    int,
    float,
    complex,
    Sequence,
]


def op_names(*modules) -> list:
    """The sorted names of the op functions defined in ``modules`` (for ``__all__``).

    Operation classes and imported names are left out, as ``export_ops(...,
    classes=False)`` leaves them out of a namespace.
    """
    names = set()
    for module in modules:
        if isinstance(module, str):
            module = sys.modules[module]
        names.update(defined_functions(module, classes=False))
    return sorted(names)


# ---------------------------------------------------------------------------
# Shapes


def broadcast_shapes(shape1, shape2, op_name="broadcast"):
    """NumPy broadcasting of two shapes that may hold ``None`` (unknown) dims."""
    shape1, shape2 = tuple(shape1), tuple(shape2)
    n = max(len(shape1), len(shape2))
    a = (1,) * (n - len(shape1)) + shape1
    b = (1,) * (n - len(shape2)) + shape2
    out = []
    for d1, d2 in zip(a, b):
        if d1 == 1:
            out.append(d2)
        elif d2 == 1:
            out.append(d1)
        elif d1 is None or d2 is None:
            out.append(d1 if d2 is None else d2)
        elif d1 == d2:
            out.append(d1)
        else:
            raise ValueError(
                f"{op_name}: shapes {shape1} and {shape2} cannot be broadcast together."
            )
    return tuple(out)


def canonicalize_axis(axis, ndim, op_name="op", argument="axis"):
    """Returns ``axis`` as a non-negative int, checking it against ``ndim``."""
    try:
        axis = operator.index(axis)
    except TypeError as e:
        raise TypeError(
            f"{op_name}: `{argument}` must be an int. Received: {argument}={axis!r}"
        ) from e
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{op_name}: `{argument}`={axis} is out of range for a tensor of rank {ndim} "
            f"(valid: {-ndim} to {ndim - 1})."
        )
    return axis % ndim if ndim else 0


def standardize_axis(axis, ndim, op_name="op", argument="axis"):
    """``None`` -> all axes; an int or a sequence -> a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (list, tuple)):
        axes = tuple(canonicalize_axis(a, ndim, op_name, argument) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{op_name}: `{argument}` has repeated axes. Received: {axis}")
        return tuple(sorted(axes))
    return (canonicalize_axis(axis, ndim, op_name, argument),)


def reduce_shape(shape, axis=None, keepdims=False, op_name="reduce"):
    """The shape after reducing ``axis`` (None: all) of ``shape``."""
    shape = tuple(shape)
    axes = standardize_axis(axis, len(shape), op_name)
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def shape_of(x):
    """The shape of a tensor, KerasTensor, array or Python value (a tuple)."""
    if hasattr(x, "shape"):
        return tuple(x.shape)
    if isinstance(x, (int, float, bool, complex)):
        return ()
    import numpy as np

    return np.shape(x)


# ---------------------------------------------------------------------------
# dtypes and argument checks


def float_dtype(*xs):
    """The floating result dtype of the (non-None) arguments (``dtype_rules.float_dtype``)."""
    return dtype_rules.float_dtype(*[x for x in xs if x is not None])


def dtype_of(x):
    """The dtype name of a KerasTensor, else ``dtype_rules.dtype_of`` (weak Python types)."""
    return x.dtype if isinstance(x, KerasTensor) else dtype_rules.dtype_of(x)


def check_callable(op, fn, name):
    """Raises a TypeError naming ``op``/``name`` unless ``fn`` is callable."""
    if not callable(fn):
        raise TypeError(f"{op}: `{name}` must be callable. Received: {name}={fn!r}")


def spec_like(x):
    """A KerasTensor with the shape and (result) dtype of ``x``."""
    if isinstance(x, KerasTensor):
        return KerasTensor(x.shape, dtype=x.dtype)
    return KerasTensor(shape_of(x), dtype=dtype_rules.result_type(dtype_rules.dtype_of(x)))


def choice(op, value, name, choices):
    """Returns ``value`` if it is one of ``choices``; else a ValueError naming ``op``/``name``."""
    if value not in choices:
        raise ValueError(f"{op}: `{name}` must be one of {choices}. Received: {name}={value!r}")
    return value


def check_number(value, op, name, positive=False):
    """A Python number (or a scalar tensor) argument; ``positive`` requires ``> 0``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if hasattr(value, "shape") and tuple(value.shape) == ():
            return value
        raise TypeError(f"{op}: `{name}` must be a number. Received: {name}={value!r}")
    if positive and value <= 0:
        raise ValueError(f"{op}: `{name}` must be positive. Received: {name}={value!r}")
    return value


# ---------------------------------------------------------------------------
# Windowed ops (convolution, pooling, patches, images)


def standardize_data_format(data_format, op):
    """``None`` -> the global default; otherwise checks and lower-cases the value."""
    if data_format is None:
        return config.image_data_format()
    if not isinstance(data_format, str) or data_format.lower() not in (
        "channels_last",
        "channels_first",
    ):
        raise ValueError(
            f"{op}: `data_format` must be 'channels_last' or 'channels_first'. "
            f"Received: data_format={data_format!r}"
        )
    return data_format.lower()


def standardize_padding(padding, op, allowed=("valid", "same")):
    """Checks and lower-cases a padding mode."""
    if not isinstance(padding, str) or padding.lower() not in allowed:
        raise ValueError(
            f"{op}: `padding` must be one of {allowed} (case-insensitive). "
            f"Received: padding={padding!r}"
        )
    return padding.lower()


def int_tuple(value, n, op, name, minimum=1):
    """An int or a sequence of ``n`` ints -> a tuple of ``n`` ints, each >= ``minimum``."""
    try:
        if isinstance(value, (list, tuple)):
            out = tuple(operator.index(v) for v in value)
        else:
            out = (operator.index(value),)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{name}` must be an int or a tuple of {n} ints. Received: {name}={value!r}"
        ) from e
    if len(out) == 1:
        out = out * n
    if len(out) != n:
        raise ValueError(
            f"{op}: `{name}` must be an int or a tuple of {n} ints (one per spatial "
            f"dimension). Received: {name}={value!r}"
        )
    if any(v < minimum for v in out):
        raise ValueError(f"{op}: `{name}` values must be >= {minimum}. Received: {name}={value!r}")
    return out


def check_rank(shape, ranks, op, name="inputs"):
    """Raises a ValueError naming ``op``/``name`` unless ``len(shape)`` is in ``ranks``."""
    if len(shape) not in ranks:
        expected = " or ".join(str(r) for r in ranks)
        raise ValueError(
            f"{op}: `{name}` must have rank {expected}. "
            f"Received: {name}.shape={tuple(shape)} (rank {len(shape)})"
        )


def spatial_dims(shape, data_format):
    """The spatial part of a ``(batch, ..., channels)`` / ``(batch, channels, ...)`` shape."""
    return tuple(shape[1:-1]) if data_format == "channels_last" else tuple(shape[2:])


def channel_dim(shape, data_format):
    """The channel size of a batched shape."""
    return shape[-1] if data_format == "channels_last" else shape[1]


def make_shape(batch, spatial, channels, data_format):
    """A batched shape from its parts, in ``data_format`` order."""
    if data_format == "channels_last":
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def image_shape(op, images, name="images", ranks=(3, 4)):
    """The shape of an image argument (rank 3, or 4 with a batch), checked."""
    shape = tuple(shape_of(images))
    check_rank(shape, ranks, op, name)
    return shape
