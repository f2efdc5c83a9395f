# Small helpers shared by the tensorflow backend's nn, math, linalg and image modules.
import operator

import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.tensorflow.core import convert_to_tensor

HALF_TYPES = ("float16", "bfloat16")


def dtype_name(x):
    return standardize_dtype(x.dtype)


def to_float(x, *others):
    """Converts ``x`` to a tensor of its float result dtype (ints and bools -> floatx)."""
    x = convert_to_tensor(x)
    dtype = dtype_rules.float_dtype(x, *others)
    return tf.cast(x, dtype) if dtype_name(x) != dtype else x


def floats(*xs):
    """Converts several values to tensors of one common float dtype."""
    tensors = [convert_to_tensor(x) if not isinstance(x, (int, float)) else x for x in xs]
    dtype = dtype_rules.float_dtype(*tensors)
    return [tf.cast(convert_to_tensor(t), dtype) for t in tensors]


def compute_dtype(dtype):
    """float32 for half types (for ops TF lacks or computes poorly in half), else ``dtype``."""
    return "float32" if standardize_dtype(dtype) in HALF_TYPES else standardize_dtype(dtype)


def upcast_half(x):
    return tf.cast(x, compute_dtype(x.dtype))


def real_dtype_of_complex(dtype):
    return "float64" if standardize_dtype(dtype) == "complex128" else "float32"


def complex_dtype_for(dtype):
    return "complex128" if standardize_dtype(dtype) == "float64" else "complex64"


def static_rank(x, op):
    rank = x.shape.rank
    if rank is None:
        raise ValueError(f"{op}: the input must have a known rank. Received: {x}")
    return rank


def canonical_axis(axis, rank, op, argument="axis"):
    try:
        axis = operator.index(axis)
    except TypeError as e:
        raise TypeError(f"{op}: `{argument}` must be an int. Received: {argument}={axis!r}") from e
    if not -rank <= axis < rank:
        raise ValueError(
            f"{op}: `{argument}`={axis} is out of range for a tensor of rank {rank} "
            f"(valid: {-rank} to {rank - 1})."
        )
    return axis % rank if rank else 0


def canonical_axes(axis, rank, op, argument="axis"):
    """``None`` -> all axes; int or sequence -> a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(rank))
    if isinstance(axis, (list, tuple)):
        axes = tuple(canonical_axis(a, rank, op, argument) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{op}: `{argument}` has repeated axes. Received: {argument}={axis}")
        return tuple(sorted(axes))
    return (canonical_axis(axis, rank, op, argument),)


def moveaxis(x, source, destination):
    rank = x.shape.rank
    source, destination = source % rank, destination % rank
    if source == destination:
        return x
    perm = [i for i in range(rank) if i != source]
    perm.insert(destination, source)
    return tf.transpose(x, perm)


def dim(x, i):
    """The static size of axis ``i`` when known, else the dynamic one."""
    d = x.shape[i]
    return d if d is not None else tf.shape(x)[i]


def shape_list(x):
    return [dim(x, i) for i in range(x.shape.rank)]


def data_format(value):
    return config.standardize_data_format(value)


def tuple_arg(value, n, op, argument, minimum=1):
    """An int or a length-``n`` sequence of ints -> a tuple of ``n`` ints (each >= minimum)."""
    if isinstance(value, (list, tuple)):
        values = tuple(value)
        if len(values) == 1:
            values = values * n
    else:
        values = (value,) * n
    try:
        values = tuple(operator.index(v) for v in values)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{argument}` must be an int or a tuple of {n} ints. Received: {argument}={value!r}"
        ) from e
    if len(values) != n or any(v < minimum for v in values):
        raise ValueError(
            f"{op}: `{argument}` must be an int or a tuple of {n} ints, each >= {minimum}. "
            f"Received: {argument}={value!r}"
        )
    return values


def padding_arg(padding, op):
    if not isinstance(padding, str) or padding.lower() not in ("same", "valid"):
        raise ValueError(
            f"{op}: `padding` must be 'same' or 'valid'. Received: padding={padding!r}"
        )
    return padding.lower()


def to_channels_last(x, fmt):
    if fmt == "channels_last":
        return x
    rank = x.shape.rank
    return tf.transpose(x, [0] + list(range(2, rank)) + [1])


def from_channels_last(x, fmt):
    if fmt == "channels_last":
        return x
    rank = x.shape.rank
    return tf.transpose(x, [0, rank - 1] + list(range(1, rank - 1)))


def check_shapes_equal(a, b, op, name_a, name_b):
    sa, sb = a.shape, b.shape
    if sa.rank is None or sb.rank is None:
        return
    same = sa.rank == sb.rank and all(
        d1 is None or d2 is None or d1 == d2 for d1, d2 in zip(sa.as_list(), sb.as_list())
    )
    if not same:
        raise ValueError(
            f"{op}: `{name_a}` and `{name_b}` must have the same shape. "
            f"Received: {name_a}.shape={tuple(sa.as_list())}, {name_b}.shape={tuple(sb.as_list())}"
        )


def cast_to(value, dtype):
    """Casts a tensor, or converts a Python value directly to ``dtype`` (no float32 detour)."""
    if tf.is_tensor(value) or hasattr(value, "dtype"):
        return tf.cast(convert_to_tensor(value), dtype)
    if isinstance(value, float) and not tf.as_dtype(dtype).is_floating:
        return tf.cast(tf.constant(value, dtype="float64"), dtype)
    return tf.constant(value, dtype=dtype)
