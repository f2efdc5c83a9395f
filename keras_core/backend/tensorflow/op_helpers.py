"""Helpers shared by the tensorflow backend's op modules.

The first block (``tensor`` ... ``float_binary``) is the contract every
backend's ``op_helpers.py`` offers with the same names and signatures. The
result-dtype helpers only read each argument's dtype and hand it to
``keras_core.backend.common.dtype_rules``, which holds the rules; window
lengths and "same" padding come from ``keras_core.backend.common.shape_rules``.
The rest are tensorflow helpers used by more than one op module. Helpers that
take an op name take it first and name it in their errors.
"""

import builtins
import operator

import numpy as np
import tensorflow as tf

from keras_core.backend import config
from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.tensorflow.core import convert_to_tensor

EAGER = type(tf.constant(0.0))
TF_INDEX = tf.as_dtype(dtype_rules.INDEX_DTYPE)  # argmax, argsort, nonzero, ...
UINTS = frozenset(dt.UINT_TYPES)
HALF_TYPES = ("float16", "bfloat16")

# The dtype a computation moves to when the TF CPU kernel lacks the dtype (see ``widened``).
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
NO_HALF = frozenset(HALF_TYPES)


# ----------------------------------------------------------------------------- shared contract


def _has_string(x) -> bool:
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        return builtins.any(_has_string(v) for v in x)
    return False


def tensor(x, op: str = "op", arg: str = "x") -> tf.Tensor:
    """``x`` as a tf tensor of its own dtype; strings and None are a TypeError naming ``op``."""
    if x is None:
        raise TypeError(f"{op}: `{arg}` must be a tensor or a number. Received: {arg}=None")
    if _has_string(x):
        raise TypeError(f"{op} does not accept strings. Received a string input for `{arg}`")
    t = convert_to_tensor(x)
    if t.dtype == tf.string:
        raise TypeError(f"{op} does not accept string tensors. Received: {arg}.dtype=string")
    return t


def dtype_of(x, op: str = "op"):
    """The keras dtype name of ``x``, or ``bool``/``int``/``float``/``complex`` for weak scalars."""
    if x is None:
        raise TypeError(f"{op}: expected a tensor or a number. Received: None")
    if _has_string(x):
        raise TypeError(f"{op} does not accept strings. Received a string input")
    try:
        dtype = dtype_rules.dtype_of(x)
    except (TypeError, ValueError) as e:
        raise TypeError(f"{op}: unsupported input dtype. {e}") from None
    if dtype == "string":
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    return dtype


def cast(x, dtype) -> tf.Tensor:
    """``x`` as a tf tensor of keras dtype ``dtype``; Python values convert directly.

    A Python float bound for an integer dtype goes through float64 and truncates, as
    NumPy's ``astype`` does (TensorFlow refuses the direct conversion).
    """
    dtype = standardize_dtype(dtype)
    if isinstance(x, float) and not tf.as_dtype(dtype).is_floating:
        if not tf.as_dtype(dtype).is_complex:
            return tf.cast(tf.constant(x, dtype="float64"), dtype)
    return convert_to_tensor(x, dtype=dtype)


def _rule(op, fn, args, *extra):
    dtypes = [dtype_of(a, op) for a in args if a is not None]
    try:
        return fn(*dtypes, *extra, op=op)
    except (TypeError, ValueError) as e:
        raise TypeError(f"{e} (unsupported input dtype)") from None


def result_type(op: str, *args) -> str:
    """The promoted dtype of the arguments (add, maximum, where, ...); None arguments are skipped."""
    return _rule(op, dtype_rules.promote_dtypes, args)


def float_type(op: str, *args) -> str:
    """The floating result dtype of the arguments (divide, sqrt, mean, ...)."""
    return _rule(op, dtype_rules.float_result_dtype, args)


def unary_type(op: str, x) -> str:
    """The dtype of unary arithmetic that keeps the dtype (abs, negative, ...)."""
    return _rule(op, dtype_rules.unary_result_dtype, (x,))


def sum_type(op: str, x, dtype=None) -> str:
    """The accumulator dtype of sum/prod/cumsum/... (``dtype`` is the op's own argument)."""
    return _rule(op, dtype_rules.sum_result_dtype, (x,), dtype)


def _axis_index(op, a, arg):
    if isinstance(a, bool):
        raise TypeError(f"{op}: `{arg}` must be an integer. Received: {arg}={a!r}")
    try:
        return operator.index(a)
    except TypeError:
        if tf.is_tensor(a) and a.shape.rank == 0 and tf.get_static_value(a) is not None:
            return int(tf.get_static_value(a))
        raise TypeError(
            f"{op}: `{arg}` must be an integer or a tuple of integers. Received: {arg}={a!r}"
        ) from None


def canonical_axis(op: str, axis, ndim: int, arg: str = "axis") -> int:
    """One axis of a rank-``ndim`` tensor as an int in ``[0, ndim)``."""
    a = _axis_index(op, axis, arg)
    if not -ndim <= a < ndim:
        raise ValueError(
            f"{op}: {arg}={a} is out of bounds for a tensor of rank {ndim}. "
            f"Expected {arg} in [{-ndim}, {ndim})."
        )
    return a % ndim if ndim else 0


def canonical_axes(op: str, axis, ndim: int, arg: str = "axis") -> tuple:
    """None (all axes), an int or a sequence of ints, as a tuple of distinct ints (given order)."""
    if axis is None:
        return tuple(range(ndim))
    items = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    out = tuple(canonical_axis(op, a, ndim, arg) for a in items)
    if len(set(out)) != len(out):
        raise ValueError(f"{op}: repeated axis in `{arg}`. Received: {arg}={axis!r}")
    return out


def _shape_text(shape):
    if isinstance(shape, tf.TensorShape):
        return tuple(shape.as_list()) if shape.rank is not None else "<unknown>"
    return tuple(shape)


def broadcast_error(op: str, *shapes) -> ValueError:
    """The error for operands whose shapes do not broadcast together."""
    listed = ", ".join(str(_shape_text(s)) for s in shapes)
    return ValueError(f"{op}: operands could not be broadcast together. Received shapes: {listed}")


def check_broadcast(op: str, *xs) -> tf.TensorShape:
    """Raises ``broadcast_error`` unless the tensors' static shapes broadcast; returns the result."""
    shape = xs[0].shape
    for x in xs[1:]:
        if x.shape != shape:
            try:
                shape = tf.broadcast_static_shape(shape, x.shape)
            except ValueError:
                raise broadcast_error(op, *[t.shape for t in xs]) from None
    return shape


def float_unary(op: str, fn, x) -> tf.Tensor:
    """``fn`` of ``x`` converted to ``float_type(op, x)``."""
    return fn(cast(x, float_type(op, x)))


def float_binary(op: str, fn, x1, x2) -> tf.Tensor:
    """``fn`` of both inputs converted to ``float_type(op, x1, x2)`` (shapes must broadcast)."""
    a, b = promoted(op, x1, x2, rule=float_type)
    return fn(a, b)


# ----------------------------------------------------------------------------- dtypes


def promoted(op, *xs, rule=result_type):
    """The inputs as tensors of one dtype (``rule(op, *xs)``), checked to broadcast together."""
    dtype = rule(op, *xs)
    out = [cast(x, dtype) for x in xs]
    check_broadcast(op, *out)
    return out


def dtype_name(x) -> str:
    """The keras dtype name of a tensor."""
    return standardize_dtype(x.dtype)


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


def compute_dtype(dtype) -> str:
    """float32 for half types (for ops TF lacks or computes poorly in half), else ``dtype``."""
    return "float32" if standardize_dtype(dtype) in HALF_TYPES else standardize_dtype(dtype)


def upcast_half(x):
    return tf.cast(x, compute_dtype(x.dtype))


def half_safe_pair(fn, x):
    """``fn(x)`` for a function of two outputs, run in float32 for half types, cast back."""
    a, b = fn(upcast_half(x))
    return tf.cast(a, x.dtype), tf.cast(b, x.dtype)


def work_dtype(dtype) -> str:
    """The float dtype image math runs in for images of ``dtype``."""
    name = standardize_dtype(dtype)
    return name if name in ("float32", "float64") else "float32"


# ----------------------------------------------------------------------------- shapes and args


def static_rank(op: str, x) -> int:
    """The static rank of ``x``; an unknown rank is an error naming ``op``."""
    r = x.shape.rank
    if r is None:
        raise ValueError(f"{op} needs a tensor of known rank. Received: shape={x.shape}")
    return r


def shape_str(x):
    return _shape_text(x.shape)


def static_size(x, axes=None):
    """The number of elements of ``x`` (over ``axes`` only, if given) when statically known."""
    sizes = x.shape.as_list()
    if axes is not None:
        sizes = [sizes[a] for a in axes]
    if builtins.any(d is None for d in sizes):
        return None
    return int(np.prod(sizes, dtype=np.int64))


def dim(x, i):
    """The static size of axis ``i`` when known, else the dynamic one."""
    d = x.shape[i]
    return d if d is not None else tf.shape(x)[i]


def dims(x):
    """The sizes of every axis: static ones as ints, unknown ones as scalar tensors."""
    static = x.shape.as_list()
    if builtins.all(d is not None for d in static):
        return static
    dyn = tf.shape(x)
    return [d if d is not None else dyn[i] for i, d in enumerate(static)]


def flatten(x):
    return tf.reshape(x, [-1])


def move_axis(x, source: int, destination: int):
    """Moves one axis of ``x`` (a helper; the public op is ``numpy.moveaxis``)."""
    rank = x.shape.rank
    source, destination = source % rank, destination % rank
    if source == destination:
        return x
    perm = [i for i in range(rank) if i != source]
    perm.insert(destination, source)
    return tf.transpose(x, perm)


def as_int(op: str, value, arg: str) -> int:
    """``value`` (an int or a statically known integer scalar tensor) as a Python int."""
    if isinstance(value, bool):
        raise TypeError(f"{op}: `{arg}` must be an integer. Received: {arg}={value!r}")
    try:
        return operator.index(value)
    except TypeError:
        static = tf.get_static_value(value) if tf.is_tensor(value) else None
        if (
            static is not None
            and np.ndim(static) == 0
            and np.issubdtype(np.asarray(static).dtype, np.integer)
        ):
            return int(static)
        raise TypeError(f"{op}: `{arg}` must be an integer. Received: {arg}={value!r}") from None


def shape_arg(op: str, shape):
    """A shape argument as a list of non-negative ints (or an int32 tensor if only dynamic)."""
    if tf.is_tensor(shape):
        static = tf.get_static_value(shape)
        if static is None:
            return cast(shape, "int32")
        shape = static
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        out = [as_int(op, d, "shape") for d in shape]
    except TypeError:
        raise TypeError(
            f"{op}: `shape` must be a tuple of integers. Received: shape={shape!r}"
        ) from None
    if builtins.any(d < 0 for d in out):
        raise ValueError(f"{op}: negative dimensions are not allowed. Received: shape={shape!r}")
    return out


def int_tuple(op: str, value, n: int, arg: str, minimum: int = 1) -> tuple:
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
            f"{op}: `{arg}` must be an int or a tuple of {n} ints. Received: {arg}={value!r}"
        ) from e
    if len(values) != n or builtins.any(v < minimum for v in values):
        raise ValueError(
            f"{op}: `{arg}` must be an int or a tuple of {n} ints, each >= {minimum}. "
            f"Received: {arg}={value!r}"
        )
    return values


def padding_arg(op: str, padding) -> str:
    if not isinstance(padding, str) or padding.lower() not in ("same", "valid"):
        raise ValueError(
            f"{op}: `padding` must be 'same' or 'valid'. Received: padding={padding!r}"
        )
    return padding.lower()


def check_choice(op: str, arg: str, value, choices):
    if value not in choices:
        raise ValueError(
            f"{op}: `{arg}` must be one of {tuple(choices)}. Received: {arg}={value!r}"
        )


def check_shapes_equal(op: str, a, b, name_a: str, name_b: str):
    sa, sb = a.shape, b.shape
    if sa.rank is None or sb.rank is None:
        return
    same = sa.rank == sb.rank and builtins.all(
        d1 is None or d2 is None or d1 == d2 for d1, d2 in zip(sa.as_list(), sb.as_list())
    )
    if not same:
        raise ValueError(
            f"{op}: `{name_a}` and `{name_b}` must have the same shape. "
            f"Received: {name_a}.shape={tuple(sa.as_list())}, {name_b}.shape={tuple(sb.as_list())}"
        )


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


# ----------------------------------------------------------------------------- sorting


def sortable(x):
    """``x`` in a dtype tf.sort accepts (bool -> int32)."""
    if x.dtype == tf.bool:
        return tf.cast(x, tf.int32)
    return x


def argsort_last(x):
    """Stable ascending argsort along the last axis; NaN sorts last."""
    r = x.shape.rank
    if x.dtype.is_complex:
        i1 = tf.argsort(tf.math.imag(x), axis=-1, stable=True)
        re = tf.gather(tf.math.real(x), i1, batch_dims=r - 1, axis=r - 1)
        i2 = tf.argsort(re, axis=-1, stable=True)
        return tf.gather(i1, i2, batch_dims=r - 1, axis=r - 1)
    x = sortable(x)
    if not x.dtype.is_floating:
        return tf.argsort(x, axis=-1, stable=True)
    if x.dtype in (tf.float16, tf.bfloat16):
        x = tf.cast(x, tf.float32)
    nan = tf.math.is_nan(x)
    i1 = tf.argsort(tf.where(nan, tf.constant(np.inf, x.dtype), x), axis=-1, stable=True)
    n1 = tf.cast(tf.gather(nan, i1, batch_dims=r - 1, axis=r - 1), tf.int32)
    i2 = tf.argsort(n1, axis=-1, stable=True)
    return tf.gather(i1, i2, batch_dims=r - 1, axis=r - 1)


def sort_last(x):
    """Ascending sort along the last axis; NaN sorts last."""
    if x.dtype.is_complex:
        r = x.shape.rank
        return tf.gather(x, argsort_last(x), batch_dims=r - 1, axis=r - 1)
    if x.dtype == tf.bool:
        return tf.cast(tf.sort(tf.cast(x, tf.int32), axis=-1), tf.bool)
    if not x.dtype.is_floating:
        return tf.sort(x, axis=-1)
    nan = tf.math.is_nan(x)
    s = tf.sort(tf.where(nan, tf.constant(np.inf, x.dtype), x), axis=-1)
    n_nan = tf.reduce_sum(tf.cast(nan, tf.int32), axis=-1, keepdims=True)
    n = tf.shape(x)[-1]
    pos = tf.range(n)
    return tf.where(pos >= n - n_nan, tf.constant(np.nan, x.dtype), s)


# ----------------------------------------------------------------------------- images


def images_nhwc(op: str, images, data_format, arg: str = "images"):
    """Returns the images as a (batch, height, width, channels) tensor and a layout to undo."""
    x = convert_to_tensor(images)
    rank = x.shape.rank
    if rank not in (3, 4):
        raise ValueError(
            f"{op}: `{arg}` must have rank 3 (a single image) or 4 (a batch). "
            f"Received: {arg}.shape={tuple(x.shape.as_list()) if rank is not None else None}"
        )
    fmt = config.standardize_data_format(data_format)
    if rank == 3:
        x = x[None]
    return to_channels_last(x, fmt), (fmt, rank == 3)


def restore_layout(y, layout):
    """Undoes ``images_nhwc``: back to the caller's data format and batching."""
    fmt, unbatched = layout
    y = from_channels_last(y, fmt)
    return y[0] if unbatched else y


def gaussian_kernel_1d(size, sigma, dtype):
    x = tf.range(size, dtype=dtype) - cast((size - 1) / 2, dtype)
    sigma = cast(sigma, dtype)
    w = tf.exp(-tf.square(x) / (2 * tf.square(sigma)))
    return w / tf.reduce_sum(w)


def blur_nhwc(x, kernel_size, sigma):
    """Separable Gaussian blur of NHWC float images with zero ("same") padding."""
    ky = gaussian_kernel_1d(kernel_size[0], sigma[0], x.dtype)
    kx = gaussian_kernel_1d(kernel_size[1], sigma[1], x.dtype)
    kernel = ky[:, None] * kx[None, :]
    channels = dim(x, 3)
    kernel = tf.tile(kernel[:, :, None, None], tf.stack([1, 1, channels, 1]))
    return tf.nn.depthwise_conv2d(x, kernel, [1, 1, 1, 1], "SAME")


def _triangle(x):
    return tf.maximum(0.0 * x, 1 - tf.abs(x))


def _keys_cubic(x, a=-0.5):
    x = tf.abs(x)
    near = ((a + 2) * x - (a + 3)) * x * x + 1
    far = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return tf.where(x <= 1, near, tf.where(x < 2, far, tf.zeros_like(x)))


def _lanczos(n):
    def kernel(x):
        safe = tf.where(tf.equal(x, 0), tf.ones_like(x), x)
        pix = np.pi * safe
        value = n * tf.sin(pix) * tf.sin(pix / n) / (pix * pix)
        value = tf.where(tf.equal(x, 0), tf.ones_like(x), value)
        return tf.where(tf.abs(x) < n, value, tf.zeros_like(x))

    return kernel


# Resampling kernels of resize and scale_and_translate, by method name.
SCALE_KERNELS = {
    "linear": _triangle,
    "bilinear": _triangle,
    "trilinear": _triangle,
    "triangle": _triangle,
    "cubic": _keys_cubic,
    "bicubic": _keys_cubic,
    "tricubic": _keys_cubic,
    "keyscubic": _keys_cubic,
    "lanczos3": _lanczos(3),
    "lanczos5": _lanczos(5),
}


def scale_weights(in_size, out_size, scale, translation, kernel, antialias, dtype):
    """(out_size, in_size) resampling weights for one axis (output sample y reads input
    position (y + 0.5 - translation) / scale - 0.5; the kernel widens by 1/scale when
    antialiasing a downscale; weights are normalized, and samples outside the input are 0)."""
    inv = 1 / scale
    kernel_scale = tf.maximum(inv, 1) if antialias else tf.ones_like(inv)
    centers = (tf.range(out_size, dtype=dtype) + 0.5 - translation) * inv - 0.5
    offsets = centers[:, None] - tf.range(in_size, dtype=dtype)[None, :]
    weights = kernel(offsets / kernel_scale)
    total = tf.reduce_sum(weights, axis=1, keepdims=True)
    usable = tf.abs(total) > 1000 * float(np.finfo(np.float32).eps)
    weights = tf.where(usable, weights / tf.where(usable, total, tf.ones_like(total)), 0)
    inside = (centers >= -0.5) & (centers <= in_size - 0.5)
    return tf.where(inside[:, None], weights, tf.zeros_like(weights))
