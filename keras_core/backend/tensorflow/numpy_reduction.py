"""The tensorflow backend's NumPy reductions and statistics (sum, mean, max, argmax, quantile, ...).

Every public function here is an op declared in keras_core/ops/numpy/reduction.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.op_helpers import (
    NO_BOOL,
    TF_INDEX,
    canonical_axes,
    canonical_axis,
    cast,
    dims,
    dtype_name,
    flatten,
    float_type,
    result_type,
    shape_str,
    sort_last,
    static_rank,
    static_size,
    sum_type,
    widened,
)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    dtype = float_type("trapezoid", y) if x is None else float_type("trapezoid", y, x)
    y = cast(y, dtype)
    axis = canonical_axis("trapezoid", axis, static_rank("trapezoid", y))
    head = (slice(None),) * axis
    hi, lo = y[head + (slice(1, None),)], y[head + (slice(None, -1),)]
    if x is None:
        d = cast(dx, dtype)
    else:
        xt = cast(x, dtype)
        if xt.shape.rank == 1:
            d = xt[1:] - xt[:-1]
            shape = [1] * y.shape.rank
            shape[axis] = -1
            d = tf.reshape(d, shape)
        else:
            xa = canonical_axis(
                "trapezoid", axis - y.shape.rank + xt.shape.rank, static_rank("trapezoid", xt)
            )
            xhead = (slice(None),) * xa
            d = xt[xhead + (slice(1, None),)] - xt[xhead + (slice(None, -1),)]
    return tf.reduce_sum(d * (hi + lo) / 2, axis)


def corrcoef(x):
    dtype = float_type("corrcoef", x)
    x = cast(x, dtype)
    r = static_rank("corrcoef", x)
    if r not in (1, 2):
        raise ValueError(f"corrcoef: `x` must be 1-D or 2-D. Received: shape={shape_str(x)}")
    w = x if x.dtype not in (tf.float16, tf.bfloat16) else tf.cast(x, tf.float32)
    w = w[None] if r == 1 else w
    xm = w - tf.reduce_mean(w, axis=1, keepdims=True)
    c = tf.matmul(xm, tf.math.conj(xm), transpose_b=True)
    d = tf.math.real(tf.linalg.diag_part(c)) if c.dtype.is_complex else tf.linalg.diag_part(c)
    s = tf.sqrt(d)
    denom = s[:, None] * s[None, :]
    out = c / (tf.cast(denom, c.dtype) if c.dtype.is_complex else denom)
    if not out.dtype.is_complex:
        out = tf.clip_by_value(out, -1.0, 1.0)
    out = out[0, 0] if r == 1 else out
    return cast(out, dtype)


_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _axes(op, x, axis):
    """The reduced axes as a tuple of ints, or None (all axes) when ``axis`` is None."""
    return None if axis is None else canonical_axes(op, axis, static_rank(op, x))


def _ax(a):
    return None if a is None else list(a)


def _reduced_size(x, ax):
    return static_size(x, ax)


def sum(x, axis=None, keepdims=False):
    x = cast(x, sum_type("sum", x))
    ax = _axes("sum", x, axis)
    return tf.reduce_sum(x, _ax(ax), keepdims=keepdims)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = cast(x, sum_type("prod", x, dtype))
    ax = _axes("prod", x, axis)
    return widened(lambda t: tf.reduce_prod(t, _ax(ax), keepdims=keepdims), NO_BOOL, x)


def _nan_fill(x, value):
    if not x.dtype.is_floating:
        return x
    return tf.where(tf.math.is_nan(x), tf.constant(value, x.dtype), x)


def nansum(x, axis=None, keepdims=False):
    x = cast(x, sum_type("nansum", x))
    ax = _axes("nansum", x, axis)
    return tf.reduce_sum(_nan_fill(x, 0), _ax(ax), keepdims=keepdims)


def nanprod(x, axis=None, keepdims=False):
    x = cast(x, sum_type("nanprod", x))
    ax = _axes("nanprod", x, axis)
    return tf.reduce_prod(_nan_fill(x, 1), _ax(ax), keepdims=keepdims)


def _cumulative(op, fn, x, axis, dtype, fill):
    x = cast(x, sum_type(op, x, dtype))
    if axis is None:
        x, axis = flatten(x), 0
    axis = canonical_axis(op, axis, static_rank(op, x))
    if fill is not None:
        x = _nan_fill(x, fill)
    return widened(lambda t: fn(t, axis=axis), NO_BOOL, x)


def cumsum(x, axis=None, dtype=None):
    return _cumulative("cumsum", tf.cumsum, x, axis, dtype, None)


def cumprod(x, axis=None, dtype=None):
    return _cumulative("cumprod", tf.math.cumprod, x, axis, dtype, None)


def nancumsum(x, axis=None, dtype=None):
    return _cumulative("nancumsum", tf.cumsum, x, axis, dtype, 0)


def nancumprod(x, axis=None, dtype=None):
    return _cumulative("nancumprod", tf.math.cumprod, x, axis, dtype, 1)


def _float_in(op, x):
    dtype = float_type(op, x)
    x = cast(x, dtype)
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(x, tf.float32), dtype
    return x, dtype


def mean(x, axis=None, keepdims=False):
    x, dtype = _float_in("mean", x)
    ax = _axes("mean", x, axis)
    return cast(tf.reduce_mean(x, _ax(ax), keepdims=keepdims), dtype)


def _sq_dev(x, ax):
    d = x - tf.reduce_mean(x, _ax(ax), keepdims=True)
    if x.dtype.is_complex:
        return tf.math.real(d * tf.math.conj(d))
    return d * d


def var(x, axis=None, keepdims=False):
    x, dtype = _float_in("var", x)
    ax = _axes("var", x, axis)
    r = tf.reduce_mean(_sq_dev(x, ax), _ax(ax), keepdims=keepdims)
    return cast(r, tf.as_dtype(dtype).real_dtype)


def std(x, axis=None, keepdims=False):
    x, dtype = _float_in("std", x)
    ax = _axes("std", x, axis)
    r = tf.sqrt(tf.reduce_mean(_sq_dev(x, ax), _ax(ax), keepdims=keepdims))
    return cast(r, tf.as_dtype(dtype).real_dtype)


def _nan_moments(x, ax, keepdims):
    valid = tf.logical_not(tf.math.is_nan(x))
    n = tf.reduce_sum(tf.cast(valid, x.dtype), _ax(ax), keepdims=True)
    m = tf.reduce_sum(_nan_fill(x, 0), _ax(ax), keepdims=True) / n
    d = tf.where(valid, x - m, tf.zeros_like(x))
    v = tf.reduce_sum(d * d, _ax(ax), keepdims=True) / n
    if not keepdims:
        m = tf.squeeze(m, _ax(ax)) if ax is not None else tf.reshape(m, [])
        v = tf.squeeze(v, _ax(ax)) if ax is not None else tf.reshape(v, [])
    return m, v


def nanmean(x, axis=None, keepdims=False):
    x, dtype = _float_in("nanmean", x)
    ax = _axes("nanmean", x, axis)
    return cast(_nan_moments(x, ax, keepdims)[0], dtype)


def nanvar(x, axis=None, keepdims=False):
    x, dtype = _float_in("nanvar", x)
    ax = _axes("nanvar", x, axis)
    return cast(_nan_moments(x, ax, keepdims)[1], dtype)


def nanstd(x, axis=None, keepdims=False):
    x, dtype = _float_in("nanstd", x)
    ax = _axes("nanstd", x, axis)
    return cast(tf.sqrt(_nan_moments(x, ax, keepdims)[1]), dtype)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    dtype = float_type("average", x, weights)
    x, w = cast(x, dtype), cast(weights, dtype)
    ax = _axes("average", x, axis)
    if w.shape != x.shape:
        if ax is None or len(ax) != 1 or w.shape.rank != 1:
            raise ValueError(
                "average: `weights` must have the shape of `x`, or be 1-D along a single "
                f"`axis`. Received: x.shape={shape_str(x)}, weights.shape={shape_str(w)}, "
                f"axis={axis}"
            )
        if w.shape[0] is not None and x.shape[ax[0]] is not None and w.shape[0] != x.shape[ax[0]]:
            raise ValueError(
                "average: the length of `weights` must match x.shape[axis]. "
                f"Received: weights.shape={shape_str(w)}, x.shape={shape_str(x)}, axis={axis}"
            )
        shape = [1] * static_rank("average", x)
        shape[ax[0]] = -1
        w = tf.reshape(w, shape)
    w = tf.broadcast_to(w, tf.shape(x))
    return tf.reduce_sum(x * w, _ax(ax)) / tf.reduce_sum(w, _ax(ax))


def _empty_reduction(op, x, ax):
    if _reduced_size(x, ax) == 0:
        raise ValueError(
            f"{op}: zero-size array to a reduction which has no identity. "
            f"Received: shape={shape_str(x)}, axis={ax}"
        )


def _extreme(op, x, axis, keepdims, initial, is_max, ignore_nan=False):
    x = cast(x, result_type(op, x))
    ax = _axes(op, x, axis)
    if initial is None:
        _empty_reduction(op, x, ax)
    if x.dtype == tf.bool:
        fn = tf.reduce_any if is_max else tf.reduce_all
        r = fn(x, _ax(ax), keepdims=keepdims)
        if initial is not None:
            init = cast(initial, tf.bool)
            r = tf.logical_or(r, init) if is_max else tf.logical_and(r, init)
        return r
    if x.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={dtype_name(x)}")
    fn = tf.reduce_max if is_max else tf.reduce_min
    if x.dtype.is_floating:
        nan = tf.math.is_nan(x)
        fill = -np.inf if is_max else np.inf
        r = fn(tf.where(nan, tf.constant(fill, x.dtype), x), _ax(ax), keepdims=keepdims)
        test = tf.reduce_all if ignore_nan else tf.reduce_any
        r = tf.where(test(nan, _ax(ax), keepdims=keepdims), tf.constant(np.nan, x.dtype), r)
    else:
        r = fn(x, _ax(ax), keepdims=keepdims)
    if initial is not None:
        r = (tf.maximum if is_max else tf.minimum)(r, cast(initial, x.dtype))
    return r


def max(x, axis=None, keepdims=False, initial=None):
    return _extreme("max", x, axis, keepdims, initial, True)


def min(x, axis=None, keepdims=False, initial=None):
    return _extreme("min", x, axis, keepdims, initial, False)


def amax(x, axis=None, keepdims=False):
    return _extreme("amax", x, axis, keepdims, None, True)


def amin(x, axis=None, keepdims=False):
    return _extreme("amin", x, axis, keepdims, None, False)


def nanmax(x, axis=None, keepdims=False):
    return _extreme("nanmax", x, axis, keepdims, None, True, ignore_nan=True)


def nanmin(x, axis=None, keepdims=False):
    return _extreme("nanmin", x, axis, keepdims, None, False, ignore_nan=True)


def ptp(x, axis=None, keepdims=False):
    x = cast(x, result_type("ptp", x))
    if x.dtype == tf.bool:
        raise TypeError("ptp: boolean inputs are not supported (bool subtraction). Received: bool")
    hi = _extreme("ptp", x, axis, keepdims, None, True)
    lo = _extreme("ptp", x, axis, keepdims, None, False)
    return hi - lo


def _arg_extreme(op, x, axis, keepdims, is_max, ignore_nan):
    x = cast(x, result_type(op, x))
    if x.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={dtype_name(x)}")
    shape = x.shape
    if axis is None:
        x, ax = flatten(x), 0
    else:
        ax = canonical_axis(op, axis, static_rank(op, x))
    if x.shape[ax] == 0:
        raise ValueError(
            f"{op}: attempt to get {op} of an empty sequence. "
            f"Received: shape={shape_str(x)}, axis={axis}"
        )
    fn = tf.argmax if is_max else tf.argmin
    if x.dtype.is_floating:
        nan = tf.math.is_nan(x)
        fill = tf.constant(-np.inf if is_max else np.inf, x.dtype)
        filled = tf.where(nan, fill, x)
        best = (tf.reduce_max if is_max else tf.reduce_min)(filled, ax, keepdims=True)
        hit = tf.logical_and(tf.logical_not(nan), tf.equal(filled, best))
        r = tf.argmax(hit, ax, output_type=TF_INDEX)
        all_nan = tf.reduce_all(nan, ax)
        if ignore_nan:
            r = tf.where(all_nan, -tf.ones_like(r), r)
        else:
            r = tf.where(tf.reduce_any(nan, ax), tf.argmax(nan, ax, output_type=TF_INDEX), r)
    else:
        r = fn(x, ax, output_type=TF_INDEX)
    if keepdims:
        if axis is None:
            return tf.reshape(r, [1] * shape.rank)
        return tf.expand_dims(r, ax)
    return r


def argmax(x, axis=None, keepdims=False):
    return _arg_extreme("argmax", x, axis, keepdims, True, False)


def argmin(x, axis=None, keepdims=False):
    return _arg_extreme("argmin", x, axis, keepdims, False, False)


def nanargmax(x, axis=None, keepdims=False):
    return _arg_extreme("nanargmax", x, axis, keepdims, True, True)


def nanargmin(x, axis=None, keepdims=False):
    return _arg_extreme("nanargmin", x, axis, keepdims, False, True)


def count_nonzero(x, axis=None):
    x = cast(x, result_type("count_nonzero", x))
    ax = _axes("count_nonzero", x, axis)
    nz = tf.not_equal(x, tf.zeros_like(x)) if x.dtype != tf.bool else x
    return tf.reduce_sum(tf.cast(nz, TF_INDEX), _ax(ax))


def _check_q(op, q, scale):
    static = tf.get_static_value(q)
    if static is not None and (np.any(static < 0) or np.any(static > scale)):
        raise ValueError(
            f"{op}: quantiles must be in the range [0, {scale}]. Received: q={static.tolist()}"
        )


def _move_reduced_last(x, ax):
    r = x.shape.rank
    ax = tuple(range(r)) if ax is None else ax
    kept = [i for i in range(r) if i not in ax]
    y = tf.transpose(x, kept + list(ax)) if kept + list(ax) != list(range(r)) else x
    shape = dims(x)
    kept_shape = [shape[i] for i in kept]
    return tf.reshape(y, kept_shape + [-1]), ax, kept


def _lerp(a, b, t):
    d = b - a
    return tf.where(t < 0.5, a + d * t, b - d * (1 - t))


def _quantile(op, x, q, axis, method, keepdims, ignore_nan, scale):
    if method not in _QUANTILE_METHODS:
        raise ValueError(
            f"{op}: `method` must be one of {_QUANTILE_METHODS}. Received: method={method!r}"
        )
    x, dtype = _float_in(op, x)
    if x.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={dtype_name(x)}")
    ax = _axes(op, x, axis)
    q = cast(q, x.dtype if x.dtype == tf.float64 else tf.float64)
    _check_q(op, q, scale)
    if q.shape.rank > 1:
        raise ValueError(f"{op}: `q` must be a scalar or 1-D. Received: q.shape={shape_str(q)}")
    q = tf.cast(q / scale, x.dtype)
    qv = tf.reshape(q, [-1])
    y, ax_t, kept = _move_reduced_last(x, ax)
    nan_fill = tf.constant(np.nan, x.dtype)
    if _reduced_size(x, ax_t) == 0:
        out = tf.fill(tf.concat([tf.shape(y)[:-1], tf.shape(qv)], 0), nan_fill)
    else:
        out = _quantile_sorted(sort_last(y), qv, method, ignore_nan)
    r = out.shape.rank
    out = tf.transpose(out, [r - 1] + list(range(r - 1)))
    if keepdims:
        shape = tf.concat([tf.shape(qv), [1 if i in ax_t else d for i, d in enumerate(dims(x))]], 0)
        out = tf.reshape(out, shape)
    if q.shape.rank == 0:
        out = tf.squeeze(out, 0)
    return cast(out, dtype)


def _quantile_sorted(s, qv, method, ignore_nan):
    n = tf.shape(s)[-1]
    nan = tf.math.is_nan(s)
    if ignore_nan:
        n_valid = tf.reduce_sum(tf.cast(tf.logical_not(nan), s.dtype), -1, keepdims=True)
    else:
        n_valid = tf.cast(n, s.dtype)
    pos = qv * (n_valid - 1)
    lo = tf.floor(pos)
    if method == "lower":
        pick = lo
    elif method == "higher":
        pick = tf.math.ceil(pos)
    elif method == "nearest":
        pick = tf.round(pos)
    else:
        pick = None
    batch = s.shape.rank - 1

    def take(p):
        idx = tf.clip_by_value(tf.cast(p, tf.int32), 0, n - 1)
        idx = tf.broadcast_to(idx, tf.concat([tf.shape(s)[:-1], tf.shape(qv)], 0))
        return tf.gather(s, idx, batch_dims=batch, axis=batch)

    if pick is not None:
        out = take(pick)
    else:
        a = take(lo)
        if method == "linear":
            b = tf.where(tf.greater_equal(lo + 1, n_valid), a, take(lo + 1))
            out = _lerp(a, b, pos - lo)
        else:
            out = (a + take(tf.math.ceil(pos))) / 2
    nan_value = tf.constant(np.nan, s.dtype)
    if ignore_nan:
        return tf.where(tf.equal(n_valid, 0), nan_value, out)
    any_nan = tf.reduce_any(nan, -1, keepdims=True)
    return tf.where(any_nan, nan_value, out)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("quantile", x, q, axis, method, keepdims, False, 1.0)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanquantile", x, q, axis, method, keepdims, True, 1.0)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("percentile", x, q, axis, method, keepdims, False, 100.0)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanpercentile", x, q, axis, method, keepdims, True, 100.0)


def median(x, axis=None, keepdims=False):
    return _quantile("median", x, 0.5, axis, "linear", keepdims, False, 1.0)


def nanmedian(x, axis=None, keepdims=False):
    return _quantile("nanmedian", x, 0.5, axis, "linear", keepdims, True, 1.0)


def _bool_reduce(op, fn, x, axis, keepdims):
    x = convert_to_tensor(x)
    if x.dtype == tf.string:
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    x = cast(x, tf.bool)
    ax = _axes(op, x, axis)
    return fn(x, _ax(ax), keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return _bool_reduce("all", tf.reduce_all, x, axis, keepdims)


def any(x, axis=None, keepdims=False):
    return _bool_reduce("any", tf.reduce_any, x, axis, keepdims)
