# Shared helpers of the tensorflow backend's numpy modules: dtype rules, input
# conversion, axis checks, broadcasting checks and kernel widening.
import builtins
import operator

import numpy as np
import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.tensorflow.core import convert_to_tensor

EAGER = type(tf.constant(0.0))
INDEX = rules.INDEX_DTYPE
TF_INDEX = tf.int32
FLOATS = frozenset(dt.FLOAT_TYPES)
INTS = frozenset(dt.INT_TYPES + dt.UINT_TYPES)
UINTS = frozenset(dt.UINT_TYPES)
COMPLEX = frozenset(dt.COMPLEX_TYPES)
SMALL_FLOATS = frozenset(("float16", "bfloat16"))

# The dtype a computation moves to when the TF CPU kernel lacks the dtype.
WIDER = {
    "bool": "int32",
    "int8": "int32",
    "int16": "int32",
    "uint8": "int32",
    "uint16": "int32",
    "uint32": "int64",
    "uint64": "int64",
    "float16": "float32",
    "bfloat16": "float32",
}
NO_BOOL = frozenset(("bool",))
NO_UNSIGNED = frozenset(("bool",) + dt.UINT_TYPES)
NO_SMALL_INT = frozenset(("bool", "int8", "int16") + dt.UINT_TYPES)
NO_HALF = frozenset(("float16", "bfloat16"))
INTEGER_LIKE = frozenset(("bool",) + dt.INT_TYPES + dt.UINT_TYPES)


def name(t):
    return t.dtype.name


def is_float(t):
    return t.dtype.is_floating


def is_complex(t):
    return t.dtype.is_complex


def is_intlike(t):
    return t.dtype.name in INTEGER_LIKE


def _not_none(args):
    return [a for a in args if a is not None]


def _has_string(x):
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        return builtins.any(_has_string(v) for v in x)
    return False


def rule(op, fn, *args):
    """Applies a dtype rule; strings and unknown types become a TypeError naming ``op``."""
    if builtins.any(_has_string(a) for a in args):
        raise TypeError(f"{op} does not accept strings. Received a string input")
    try:
        out = fn(*_not_none(args))
    except (ValueError, TypeError) as e:
        raise TypeError(f"{op}: unsupported input dtype. {e}") from None
    if out == "string":
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    return out


def binary_dtype(op, *args):
    return rule(op, rules.binary_dtype, *args)


def float_dtype(op, *args):
    return rule(op, rules.float_dtype, *args)


def unary_dtype(op, x):
    return rule(op, rules.arithmetic_unary_dtype, x)


def own_dtype(op, x):
    return rule(op, rules.binary_dtype, x)


def sum_dtype(op, x):
    return rule(op, rules.sum_dtype, x)


def tensor(x, dtype=None):
    return convert_to_tensor(x, dtype=dtype)


def tensors(op, rule_fn, *args):
    """Converts ``args`` to tensors of the dtype that ``rule_fn`` gives for them."""
    dtype = rule(op, rule_fn, *args)
    return [convert_to_tensor(a, dtype=dtype) for a in args]


def numeric(op, x):
    if _has_string(x):
        raise TypeError(f"{op} does not accept strings. Received a string input")
    x = convert_to_tensor(x)
    if x.dtype == tf.string:
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    return x


def cast(x, dtype):
    dtype = tf.as_dtype(dtype)
    return x if x.dtype == dtype else tf.cast(x, dtype)


def widened(fn, missing, *xs, out=None):
    """Runs ``fn(*xs)``; when the dtype of ``xs[0]`` lacks a kernel, in a wider dtype, cast back."""
    d = xs[0].dtype.name
    if d not in missing:
        return fn(*xs)
    wide = WIDER[d]
    res = fn(*[cast(x, wide) if x.dtype.name == d else x for x in xs])
    back = out or d
    if res.dtype.name == wide:
        return cast(res, back)
    return res


def shape_str(x):
    return tuple(x.shape.as_list()) if x.shape.rank is not None else "<unknown>"


def check_broadcast(op, *xs):
    shape = xs[0].shape
    for x in xs[1:]:
        if x.shape != shape:
            try:
                shape = tf.broadcast_static_shape(shape, x.shape)
            except ValueError:
                shapes = ", ".join(str(shape_str(t)) for t in xs)
                raise ValueError(
                    f"{op}: operands could not be broadcast together. Received shapes: {shapes}"
                ) from None
    return shape


def broadcast_error(op, *xs):
    shapes = ", ".join(str(shape_str(t)) for t in xs)
    return ValueError(f"{op}: operands could not be broadcast together. Received shapes: {shapes}")


def rank(op, x):
    r = x.shape.rank
    if r is None:
        raise ValueError(f"{op} needs a tensor of known rank. Received: shape={x.shape}")
    return r


def _axis_index(op, a, argname):
    if isinstance(a, bool):
        raise TypeError(f"{op}: `{argname}` must be an integer. Received: {argname}={a!r}")
    try:
        return operator.index(a)
    except TypeError:
        if tf.is_tensor(a) and a.shape.rank == 0 and tf.get_static_value(a) is not None:
            return int(tf.get_static_value(a))
        raise TypeError(
            f"{op}: `{argname}` must be an integer or a tuple of integers. "
            f"Received: {argname}={a!r}"
        ) from None


def axis_one(op, x, axis, argname="axis", ndim=None):
    ndim = rank(op, x) if ndim is None else ndim
    a = _axis_index(op, axis, argname)
    if not -ndim <= a < ndim:
        raise ValueError(
            f"{op}: {argname}={a} is out of bounds for a tensor of rank {ndim} "
            f"(shape {shape_str(x)}). Expected {argname} in [{-ndim}, {ndim})."
        )
    return a % ndim if ndim else 0


def axes(op, x, axis, argname="axis", ndim=None):
    """Normalizes ``axis`` (None, int or sequence) to None or a tuple of non-negative ints."""
    if axis is None:
        return None
    ndim = rank(op, x) if ndim is None else ndim
    items = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    out = tuple(axis_one(op, x, a, argname, ndim) for a in items)
    if len(set(out)) != len(out):
        raise ValueError(f"{op}: repeated axis in `{argname}`. Received: {argname}={axis!r}")
    return out


def static_size(x, axes_=None):
    dims = x.shape.as_list()
    if axes_ is not None:
        dims = [dims[a] for a in axes_]
    if any(d is None for d in dims):
        return None
    return int(np.prod(dims, dtype=np.int64))


def dim(x, i):
    d = x.shape[i]
    return d if d is not None else tf.shape(x)[i]


def dims(x):
    static = x.shape.as_list()
    if all(d is not None for d in static):
        return static
    dyn = tf.shape(x)
    return [d if d is not None else dyn[i] for i, d in enumerate(static)]


def flatten(x):
    return tf.reshape(x, [-1])


def nan_like(x):
    return tf.constant(np.nan, dtype=x.dtype)


def floatx():
    return config.floatx()


def python_int(v, op, argname):
    if isinstance(v, bool):
        raise TypeError(f"{op}: `{argname}` must be an integer. Received: {argname}={v!r}")
    try:
        return operator.index(v)
    except TypeError:
        static = tf.get_static_value(v) if tf.is_tensor(v) else None
        if (
            static is not None
            and np.ndim(static) == 0
            and np.issubdtype(np.asarray(static).dtype, np.integer)
        ):
            return int(static)
        raise TypeError(
            f"{op}: `{argname}` must be an integer. Received: {argname}={v!r}"
        ) from None


def min_of(a, b):
    return builtins.min(a, b)


def max_of(a, b):
    return builtins.max(a, b)


def dtype_min(dtype):
    d = tf.as_dtype(dtype)
    return d.min if not d.is_bool else False


def dtype_max(dtype):
    d = tf.as_dtype(dtype)
    return d.max if not d.is_bool else True
