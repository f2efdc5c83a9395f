"""The tensorflow backend's NumPy creation ops (zeros, arange, linspace, eye, tril, diag, windows, ...).

Every public function here is an op declared in keras_core/ops/numpy/creation.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.op_helpers import (
    as_int,
    canonical_axis,
    cast,
    dim,
    flatten,
    float_type,
    result_type,
    shape_arg,
    shape_str,
    static_rank,
)


def _creation_dtype(op, dtype, *values):
    """``dtype`` if given, else the promoted dtype of the values (floatx() without values)."""
    if dtype is not None:
        return dt.standardize_dtype(dtype)
    if builtins.all(v is None for v in values):
        return rules.creation_dtype(None)
    return result_type(op, *values)


def zeros(shape, dtype=None):
    return tf.zeros(shape_arg("zeros", shape), dtype=_creation_dtype("zeros", dtype))


def ones(shape, dtype=None):
    return tf.ones(shape_arg("ones", shape), dtype=_creation_dtype("ones", dtype))


def empty(shape, dtype=None):
    return tf.zeros(shape_arg("empty", shape), dtype=_creation_dtype("empty", dtype))


def full(shape, fill_value, dtype=None):
    dtype = _creation_dtype("full", dtype, fill_value)
    value = cast(convert_to_tensor(fill_value), dtype)
    return _fill("full", value, shape_arg("full", shape))


def _fill(op, value, shape):
    if isinstance(shape, list) and value.shape.is_fully_defined():
        try:
            ok = tf.broadcast_static_shape(value.shape, tf.TensorShape(shape)).as_list() == shape
        except ValueError:
            ok = False
        if not ok or value.shape.rank > len(shape):
            raise ValueError(
                f"{op}: `fill_value` of shape {shape_str(value)} cannot be broadcast to "
                f"shape {tuple(shape)}"
            )
    return tf.broadcast_to(value, shape)


def _like_dtype(op, x, dtype):
    return result_type(op, x) if dtype is None else dt.standardize_dtype(dtype)


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return tf.zeros(tf.shape(x), dtype=_like_dtype("zeros_like", x, dtype))


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return tf.ones(tf.shape(x), dtype=_like_dtype("ones_like", x, dtype))


def empty_like(x, dtype=None):
    return zeros_like(x, dtype=dtype)


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    value = cast(convert_to_tensor(fill_value), _like_dtype("full_like", x, dtype))
    shape = x.shape.as_list() if x.shape.is_fully_defined() else tf.shape(x)
    return _fill("full_like", value, shape)


def _eye_mask(n, m, k):
    rows = tf.range(n)[:, None]
    cols = tf.range(m)[None, :]
    return rows, cols, k


def eye(N, M=None, k=0, dtype=None):
    n = as_int("eye", N, "N")
    m = n if M is None else as_int("eye", M, "M")
    k = as_int("eye", k, "k")
    if n < 0 or m < 0:
        raise ValueError(f"eye: `N` and `M` must be non-negative. Received: N={N}, M={M}")
    rows, cols, k = _eye_mask(n, m, k)
    return tf.cast(tf.equal(rows + k, cols), _creation_dtype("eye", dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    n = as_int("tri", N, "N")
    m = n if M is None else as_int("tri", M, "M")
    k = as_int("tri", k, "k")
    if n < 0 or m < 0:
        raise ValueError(f"tri: `N` and `M` must be non-negative. Received: N={N}, M={M}")
    rows, cols, k = _eye_mask(n, m, k)
    return tf.cast(tf.greater_equal(rows + k, cols), _creation_dtype("tri", dtype))


def _scalar_value(op, v, argname):
    if tf.is_tensor(v) or isinstance(v, np.ndarray):
        if v.shape.rank if tf.is_tensor(v) else v.ndim:
            raise ValueError(f"{op}: `{argname}` must be a scalar. Received shape {v.shape}")
    return v


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    for arg, v in (("start", start), ("stop", stop), ("step", step)):
        _scalar_value("arange", v, arg)
    dtype = _creation_dtype("arange", dtype, start, stop, step)
    is_int = dtype in dt.INT_TYPES + dt.UINT_TYPES or dtype == "bool"
    args = (start, stop, step)
    all_int = builtins.all(
        isinstance(v, (int, np.integer)) or (hasattr(v, "dtype") and dt.is_int_dtype(v.dtype))
        for v in args
    )
    work = tf.int64 if (is_int and all_int) else tf.float64
    start, stop, step = (tf.cast(convert_to_tensor(v), work) for v in args)
    static_step = tf.get_static_value(step)
    if static_step is not None and static_step == 0:
        raise ValueError("arange: `step` must not be zero. Received: step=0")
    span = tf.cast(stop - start, tf.float64) / tf.cast(step, tf.float64)
    n = tf.maximum(tf.cast(tf.math.ceil(span), tf.int64), 0)
    values = start + tf.cast(tf.range(n), work) * step
    return tf.cast(values, dtype)


def _space_dtype(op, dtype, start, stop):
    return float_type(op, start, stop) if dtype is None else dt.standardize_dtype(dtype)


def _lin(op, start, stop, num, endpoint, axis):
    num = as_int(op, num, "num")
    if num < 0:
        raise ValueError(f"{op}: `num` must be non-negative. Received: num={num}")
    a = tf.cast(convert_to_tensor(start), tf.float64)
    b = tf.cast(convert_to_tensor(stop), tf.float64)
    shape = tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))
    a, b = tf.broadcast_to(a, shape), tf.broadcast_to(b, shape)
    div = (num - 1) if endpoint else num
    step = (b - a) / div if div > 0 else tf.fill(shape, tf.constant(np.nan, tf.float64))
    i = tf.reshape(tf.range(num, dtype=tf.float64), [num] + [1] * a.shape.rank)
    y = a[None] + i * (step[None] if div > 0 else tf.zeros_like(a)[None])
    if endpoint and num > 1:
        y = tf.concat([y[:-1], b[None]], 0)
    out_rank = a.shape.rank + 1
    axis = canonical_axis(op, axis, out_rank)
    if axis != 0:
        perm = list(range(1, axis + 1)) + [0] + list(range(axis + 1, out_rank))
        y = tf.transpose(y, perm)
    return y, step


def _to_dtype(y, dtype):
    if dtype in dt.INT_TYPES + dt.UINT_TYPES:
        y = tf.floor(y)
    return tf.cast(y, dtype)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    out = _space_dtype("linspace", dtype, start, stop)
    y, step = _lin("linspace", start, stop, num, endpoint, axis)
    if retstep:
        step_dtype = out if dt.is_float_dtype(out) else float_type("linspace", start, stop)
        return _to_dtype(y, out), tf.cast(step, step_dtype)
    return _to_dtype(y, out)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    out = _space_dtype("logspace", dtype, start, stop)
    y, _ = _lin("logspace", start, stop, num, endpoint, axis)
    base = tf.cast(convert_to_tensor(base), tf.float64)
    return _to_dtype(tf.pow(base, y), out)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    out = _space_dtype("geomspace", dtype, start, stop)
    a = tf.cast(convert_to_tensor(start), tf.float64)
    b = tf.cast(convert_to_tensor(stop), tf.float64)
    static = tf.get_static_value(a), tf.get_static_value(b)
    if builtins.any(s is not None and np.any(s == 0) for s in static):
        raise ValueError(
            f"geomspace: a geometric sequence cannot include zero. Received: start={start}, "
            f"stop={stop}"
        )
    flip = tf.logical_and(a < 0, b < 0)
    sign = tf.where(flip, -tf.ones_like(a), tf.ones_like(a))
    la = tf.math.log(tf.abs(a)) / np.log(10.0)
    lb = tf.math.log(tf.abs(b)) / np.log(10.0)
    y, _ = _lin("geomspace", la, lb, num, endpoint, 0)
    y = tf.pow(tf.constant(10.0, tf.float64), y) * sign[None]
    n = as_int("geomspace", num, "num")
    if n > 0:
        first = tf.abs(a)[None] * sign[None]
        parts = [first, y[1:]]
        if endpoint and n > 1:
            parts = [first, y[1:-1], (tf.abs(b) * sign)[None]]
        y = tf.concat(parts, 0)[:n]
    out_rank = y.shape.rank
    axis = canonical_axis("geomspace", axis, out_rank)
    if axis != 0:
        y = tf.transpose(y, list(range(1, axis + 1)) + [0] + list(range(axis + 1, out_rank)))
    return _to_dtype(y, out)


def _window(op, x, fn):
    m = as_int(op, x, "x")
    if m < 1:
        return tf.zeros([0], rules.creation_dtype(None))
    if m == 1:
        return tf.ones([1], rules.creation_dtype(None))
    n = tf.range(m, dtype=tf.float64)
    return tf.cast(fn(n, float(m)), rules.creation_dtype(None))


def bartlett(x):
    return _window("bartlett", x, lambda n, m: 1 - tf.abs(2 * n / (m - 1) - 1))


def hanning(x):
    return _window("hanning", x, lambda n, m: 0.5 - 0.5 * tf.cos(2 * np.pi * n / (m - 1)))


def hamming(x):
    return _window("hamming", x, lambda n, m: 0.54 - 0.46 * tf.cos(2 * np.pi * n / (m - 1)))


def blackman(x):
    def fn(n, m):
        t = 2 * np.pi * n / (m - 1)
        return 0.42 - 0.5 * tf.cos(t) + 0.08 * tf.cos(2 * t)

    return _window("blackman", x, fn)


def kaiser(x, beta):
    b = tf.cast(convert_to_tensor(beta), tf.float64)

    def fn(n, m):
        alpha = (m - 1) / 2.0
        r = (n - alpha) / alpha
        return tf.math.bessel_i0(b * tf.sqrt(tf.maximum(1 - r * r, 0.0))) / tf.math.bessel_i0(b)

    return _window("kaiser", x, fn)


def array(x, dtype=None):
    if dtype is not None:
        return cast(x, dt.standardize_dtype(dtype))
    return tf.identity(convert_to_tensor(x))


def vander(x, N=None, increasing=False):
    x = cast(x, result_type("vander", x))
    if static_rank("vander", x) != 1:
        raise ValueError(f"vander: `x` must be 1-D. Received: shape={shape_str(x)}")
    n = dim(x, 0) if N is None else as_int("vander", N, "N")
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    rep = tf.broadcast_to(x[:, None], tf.stack([tf.shape(x)[0], tf.maximum(n - 1, 0)]))
    cols = tf.concat([tf.ones_like(x)[:, None], rep], 1)
    out = tf.math.cumprod(cols[:, :n], axis=1)
    return out if increasing else tf.reverse(out, [1])


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    if static_rank("diagonal", x) < 2:
        raise ValueError(f"diagonal needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    a = canonical_axis("diagonal", axis1, static_rank("diagonal", x), "axis1")
    b = canonical_axis("diagonal", axis2, static_rank("diagonal", x), "axis2")
    if a == b:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = as_int("diagonal", offset, "offset")
    r = x.shape.rank
    perm = [i for i in range(r) if i not in (a, b)] + [a, b]
    y = tf.transpose(x, perm)
    n, m = dim(y, -2), dim(y, -1)
    rows = tf.range(tf.maximum(tf.minimum(n, m - offset) if offset >= 0 else 0, 0))
    if offset < 0:
        rows = tf.range(tf.maximum(tf.minimum(n + offset, m), 0)) - offset
    cols = rows + offset
    idx = tf.stack([rows, cols], -1)
    lead = r - 2
    yt = tf.transpose(y, [lead, lead + 1] + list(range(lead)))
    out = tf.gather_nd(yt, idx)
    return tf.transpose(out, list(range(1, lead + 1)) + [0])


def diag(x, k=0):
    x = convert_to_tensor(x)
    k = as_int("diag", k, "k")
    r = static_rank("diag", x)
    if r == 1:
        n = dim(x, 0) + builtins.abs(k)
        return tf.linalg.diag(x, k=k, num_rows=n, num_cols=n)
    if r == 2:
        return diagonal(x, offset=k)
    raise ValueError(f"diag: `x` must be 1-D or 2-D. Received: shape={shape_str(x)}")


def diagflat(x, k=0):
    return diag(flatten(convert_to_tensor(x)), k=k)


def _tri_mask(x, k, lower):
    n, m = dim(x, -2), dim(x, -1)
    rows = tf.range(n)[:, None]
    cols = tf.range(m)[None, :]
    return tf.greater_equal(rows + k, cols) if lower else tf.less_equal(rows + k, cols)


def _tri_select(op, x, k, lower):
    x = convert_to_tensor(x)
    k = as_int(op, k, "k")
    if static_rank(op, x) == 0:
        raise ValueError(f"{op} needs a tensor of rank >= 1. Received: shape={shape_str(x)}")
    if x.shape.rank == 1:
        x = tf.broadcast_to(x[None], tf.stack([tf.shape(x)[0], tf.shape(x)[0]]))
    mask = _tri_mask(x, k, lower)
    return tf.where(mask, x, tf.zeros_like(x))


def tril(x, k=0):
    return _tri_select("tril", x, k, True)


def triu(x, k=0):
    return _tri_select("triu", x, k, False)
