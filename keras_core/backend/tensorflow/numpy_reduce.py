# Reductions, statistics, sorting and searching numpy ops of the tensorflow backend.
import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.numpy_base import (
    NO_BOOL,
    TF_INDEX,
    WIDER,
    axes,
    axis_one,
    binary_dtype,
    cast,
    dims,
    flatten,
    float_dtype,
    name,
    own_dtype,
    python_int,
    rank,
    shape_str,
    static_size,
    sum_dtype,
    tensor,
    widened,
)

_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _ax(a):
    return None if a is None else list(a)


def _keep(op, x):
    return tensor(x, own_dtype(op, x))


def _reduced_size(x, ax):
    return static_size(x, ax)


# -------------------------------------------------------------------- sums


def sum(x, axis=None, keepdims=False):
    x = tensor(x, sum_dtype("sum", x))
    ax = axes("sum", x, axis)
    return tf.reduce_sum(x, _ax(ax), keepdims=keepdims)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = tensor(x, sum_dtype("prod", x) if dtype is None else dtype)
    ax = axes("prod", x, axis)
    return widened(lambda t: tf.reduce_prod(t, _ax(ax), keepdims=keepdims), NO_BOOL, x)


def _nan_fill(x, value):
    if not x.dtype.is_floating:
        return x
    return tf.where(tf.math.is_nan(x), tf.constant(value, x.dtype), x)


def nansum(x, axis=None, keepdims=False):
    x = tensor(x, sum_dtype("nansum", x))
    ax = axes("nansum", x, axis)
    return tf.reduce_sum(_nan_fill(x, 0), _ax(ax), keepdims=keepdims)


def nanprod(x, axis=None, keepdims=False):
    x = tensor(x, sum_dtype("nanprod", x))
    ax = axes("nanprod", x, axis)
    return tf.reduce_prod(_nan_fill(x, 1), _ax(ax), keepdims=keepdims)


def _cumulative(op, fn, x, axis, dtype, fill):
    x = tensor(x, sum_dtype(op, x) if dtype is None else dtype)
    if axis is None:
        x, axis = flatten(x), 0
    axis = axis_one(op, x, axis)
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


# ------------------------------------------------------------------ moments


def _float_in(op, x):
    dtype = float_dtype(op, x)
    x = tensor(x, dtype)
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(x, tf.float32), dtype
    return x, dtype


def mean(x, axis=None, keepdims=False):
    x, dtype = _float_in("mean", x)
    ax = axes("mean", x, axis)
    return cast(tf.reduce_mean(x, _ax(ax), keepdims=keepdims), dtype)


def _sq_dev(x, ax):
    d = x - tf.reduce_mean(x, _ax(ax), keepdims=True)
    if x.dtype.is_complex:
        return tf.math.real(d * tf.math.conj(d))
    return d * d


def var(x, axis=None, keepdims=False):
    x, dtype = _float_in("var", x)
    ax = axes("var", x, axis)
    r = tf.reduce_mean(_sq_dev(x, ax), _ax(ax), keepdims=keepdims)
    return cast(r, tf.as_dtype(dtype).real_dtype)


def std(x, axis=None, keepdims=False):
    x, dtype = _float_in("std", x)
    ax = axes("std", x, axis)
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
    ax = axes("nanmean", x, axis)
    return cast(_nan_moments(x, ax, keepdims)[0], dtype)


def nanvar(x, axis=None, keepdims=False):
    x, dtype = _float_in("nanvar", x)
    ax = axes("nanvar", x, axis)
    return cast(_nan_moments(x, ax, keepdims)[1], dtype)


def nanstd(x, axis=None, keepdims=False):
    x, dtype = _float_in("nanstd", x)
    ax = axes("nanstd", x, axis)
    return cast(tf.sqrt(_nan_moments(x, ax, keepdims)[1]), dtype)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    dtype = float_dtype("average", x, weights)
    x, w = tensor(x, dtype), tensor(weights, dtype)
    ax = axes("average", x, axis)
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
        shape = [1] * rank("average", x)
        shape[ax[0]] = -1
        w = tf.reshape(w, shape)
    w = tf.broadcast_to(w, tf.shape(x))
    return tf.reduce_sum(x * w, _ax(ax)) / tf.reduce_sum(w, _ax(ax))


# ---------------------------------------------------------------- extremes


def _empty_reduction(op, x, ax):
    if _reduced_size(x, ax) == 0:
        raise ValueError(
            f"{op}: zero-size array to a reduction which has no identity. "
            f"Received: shape={shape_str(x)}, axis={ax}"
        )


def _extreme(op, x, axis, keepdims, initial, is_max, ignore_nan=False):
    x = _keep(op, x)
    ax = axes(op, x, axis)
    if initial is None:
        _empty_reduction(op, x, ax)
    if x.dtype == tf.bool:
        fn = tf.reduce_any if is_max else tf.reduce_all
        r = fn(x, _ax(ax), keepdims=keepdims)
        if initial is not None:
            init = tensor(initial, tf.bool)
            r = tf.logical_or(r, init) if is_max else tf.logical_and(r, init)
        return r
    if x.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={name(x)}")
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
        r = (tf.maximum if is_max else tf.minimum)(r, tensor(initial, x.dtype))
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
    x = _keep("ptp", x)
    if x.dtype == tf.bool:
        raise TypeError("ptp: boolean inputs are not supported (bool subtraction). Received: bool")
    hi = _extreme("ptp", x, axis, keepdims, None, True)
    lo = _extreme("ptp", x, axis, keepdims, None, False)
    return hi - lo


def _arg_extreme(op, x, axis, keepdims, is_max, ignore_nan):
    x = _keep(op, x)
    if x.dtype.is_complex:
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={name(x)}")
    shape = x.shape
    if axis is None:
        x, ax = flatten(x), 0
    else:
        ax = axis_one(op, x, axis)
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


# ---------------------------------------------------------------- counting


def count_nonzero(x, axis=None):
    x = _keep("count_nonzero", x)
    ax = axes("count_nonzero", x, axis)
    nz = tf.not_equal(x, tf.zeros_like(x)) if x.dtype != tf.bool else x
    return tf.reduce_sum(tf.cast(nz, TF_INDEX), _ax(ax))


def nonzero(x):
    x = _keep("nonzero", x)
    if rank("nonzero", x) == 0:
        raise ValueError(
            "nonzero: calling nonzero on a 0-d tensor is not allowed; use "
            "nonzero(reshape(x, [1])). Received: shape=()"
        )
    nz = tf.not_equal(x, tf.zeros_like(x)) if x.dtype != tf.bool else x
    idx = tf.cast(tf.where(nz), TF_INDEX)
    return tuple(idx[:, i] for i in range(x.shape.rank))


# ------------------------------------------------------------------ sorting


def _to_last(x, axis):
    r = x.shape.rank
    if axis == r - 1:
        return x, None
    perm = [i for i in range(r) if i != axis] + [axis]
    return tf.transpose(x, perm), np.argsort(perm).tolist()


def _from_last(x, inv):
    return x if inv is None else tf.transpose(x, inv)


def _sortable(x):
    if x.dtype == tf.bool:
        return tf.cast(x, tf.int32)
    return x


def _argsort_last(x):
    # Stable ascending argsort along the last axis; NaN sorts last.
    r = x.shape.rank
    if x.dtype.is_complex:
        i1 = tf.argsort(tf.math.imag(x), axis=-1, stable=True)
        re = tf.gather(tf.math.real(x), i1, batch_dims=r - 1, axis=r - 1)
        i2 = tf.argsort(re, axis=-1, stable=True)
        return tf.gather(i1, i2, batch_dims=r - 1, axis=r - 1)
    x = _sortable(x)
    if not x.dtype.is_floating:
        return tf.argsort(x, axis=-1, stable=True)
    if x.dtype in (tf.float16, tf.bfloat16):
        x = tf.cast(x, tf.float32)
    nan = tf.math.is_nan(x)
    i1 = tf.argsort(tf.where(nan, tf.constant(np.inf, x.dtype), x), axis=-1, stable=True)
    n1 = tf.cast(tf.gather(nan, i1, batch_dims=r - 1, axis=r - 1), tf.int32)
    i2 = tf.argsort(n1, axis=-1, stable=True)
    return tf.gather(i1, i2, batch_dims=r - 1, axis=r - 1)


def _sort_last(x):
    if x.dtype.is_complex:
        r = x.shape.rank
        return tf.gather(x, _argsort_last(x), batch_dims=r - 1, axis=r - 1)
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


def sort(x, axis=-1):
    x = _keep("sort", x)
    if axis is None:
        x, axis = flatten(x), 0
    axis = axis_one("sort", x, axis)
    y, inv = _to_last(x, axis)
    return _from_last(_sort_last(y), inv)


def argsort(x, axis=-1):
    x = _keep("argsort", x)
    if axis is None or x.shape.rank == 0:
        x, axis = flatten(x), 0
    axis = axis_one("argsort", x, axis)
    y, inv = _to_last(x, axis)
    return _from_last(tf.cast(_argsort_last(y), TF_INDEX), inv)


def argpartition(x, kth, axis=-1):
    x = _keep("argpartition", x)
    if axis is None:
        x, axis = flatten(x), 0
    axis = axis_one("argpartition", x, axis)
    n = x.shape[axis]
    for k in np.ravel(kth):
        k = python_int(k, "argpartition", "kth")
        if n is not None and not -n <= k < n:
            raise ValueError(
                f"argpartition: kth={k} is out of bounds for an axis of size {n}. "
                f"Received: kth={kth}, shape={shape_str(x)}"
            )
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'. Received: side={side!r}")
    dtype = binary_dtype("searchsorted", sorted_sequence, values)
    a, v = tensor(sorted_sequence, dtype), tensor(values, dtype)
    if rank("searchsorted", a) != 1:
        raise ValueError(
            "searchsorted: `sorted_sequence` must be 1-D. "
            f"Received: sorted_sequence.shape={shape_str(a)}"
        )
    a, v = _sortable(a), _sortable(v)
    if a.dtype in (tf.float16, tf.bfloat16):
        a, v = tf.cast(a, tf.float32), tf.cast(v, tf.float32)
    out_shape = tf.shape(v)
    flat_v = tf.reshape(v, [1, -1])
    if not a.dtype.is_floating:
        r = tf.searchsorted(a[None], flat_v, side=side, out_type=TF_INDEX)
        return tf.reshape(r, out_shape)
    nan = tf.math.is_nan(a)
    n_valid = tf.reduce_sum(tf.cast(tf.logical_not(nan), TF_INDEX))
    filled = tf.where(nan, tf.constant(np.inf, a.dtype), a)
    r = tf.searchsorted(filled[None], flat_v, side=side, out_type=TF_INDEX)
    r = tf.minimum(r, n_valid)
    at_nan = n_valid if side == "left" else tf.shape(a, out_type=TF_INDEX)[0]
    r = tf.where(tf.math.is_nan(flat_v), at_nan, r)
    return tf.reshape(r, out_shape)


def digitize(x, bins):
    dtype = binary_dtype("digitize", x, bins)
    b = tensor(bins, dtype)
    if rank("digitize", b) != 1:
        raise ValueError(f"digitize: `bins` must be 1-D. Received: bins.shape={shape_str(b)}")
    x = tensor(x, dtype)
    up = searchsorted(b, x, side="right")
    n = tf.shape(b, out_type=TF_INDEX)[0]
    down = n - searchsorted(tf.reverse(b, [0]), x, side="left")
    if b.shape[0] == 0:
        return up
    decreasing = tf.less(_sortable(b)[-1], _sortable(b)[0])
    return tf.where(decreasing, down, up)


# ------------------------------------------------------------------ quantiles


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
        raise TypeError(f"{op}: complex inputs are not supported. Received: dtype={name(x)}")
    ax = axes(op, x, axis)
    q = tensor(q, x.dtype if x.dtype == tf.float64 else tf.float64)
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
        out = _quantile_sorted(_sort_last(y), qv, method, ignore_nan)
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


# ------------------------------------------------------------------ unique


def _rows_differ(s):
    # s: [n, m] sorted rows; True where a row differs from the previous one (NaN == NaN).
    a, b = s[1:], s[:-1]
    diff = tf.not_equal(a, b)
    if s.dtype.is_floating:
        diff = tf.logical_and(diff, tf.logical_not(tf.math.is_nan(a) & tf.math.is_nan(b)))
    diff = tf.reduce_any(diff, axis=-1)
    return tf.concat([tf.ones([tf.minimum(tf.shape(s)[0], 1)], tf.bool), diff], 0)


def _lexsort_rows(rows):
    # Stable lexicographic argsort of the rows of a [n, m] tensor (static m).
    m = rows.shape[1]
    perm = tf.range(tf.shape(rows)[0])
    for j in reversed(range(m)):
        col = tf.gather(rows[:, j], perm)
        perm = tf.gather(perm, _argsort_last(col))
    return perm


def unique(
    x,
    sorted=True,
    return_index=False,
    return_inverse=False,
    return_counts=False,
    axis=None,
    size=None,
    fill_value=None,
):
    x = _keep("unique", x)
    in_shape = tf.shape(x)
    if axis is None:
        rows = tf.reshape(x, [-1, 1])
        ax = None
    else:
        ax = axis_one("unique", x, axis)
        moved, _ = _to_first(x, ax)
        if builtins.any(d is None for d in moved.shape.as_list()[1:]):
            raise ValueError(
                f"unique with an axis needs static sizes of the other axes. Received: "
                f"shape={shape_str(x)}"
            )
        rows = tf.reshape(moved, [tf.shape(moved)[0], -1])
    perm = tf.cast(_lexsort_rows(rows), TF_INDEX)
    s = tf.gather(rows, perm)
    first = _rows_differ(s)
    group = tf.cumsum(tf.cast(first, TF_INDEX)) - 1
    values = tf.boolean_mask(s, first)
    index = tf.boolean_mask(perm, first)
    n_groups = tf.shape(values)[0]
    counts = tf.math.unsorted_segment_sum(tf.ones_like(group), group, n_groups)
    inverse = tf.scatter_nd(perm[:, None], group, tf.shape(perm))
    if not sorted:
        order = tf.argsort(index, stable=True)
        rank_of = tf.scatter_nd(order[:, None], tf.range(n_groups), [n_groups])
        values, index, counts = (tf.gather(t, order) for t in (values, index, counts))
        inverse = tf.gather(rank_of, inverse)
    if size is not None:
        values, index, counts = _unique_resize(values, index, counts, size, fill_value)
    if ax is None:
        values = tf.reshape(values, [-1])
        inverse = tf.reshape(inverse, in_shape)
    else:
        moved_shape = tf.concat([[tf.shape(values)[0]], tf.shape(_to_first(x, ax)[0])[1:]], 0)
        values = _from_first(tf.reshape(values, moved_shape), ax)
    outs = [values]
    outs += [index] if return_index else []
    outs += [inverse] if return_inverse else []
    outs += [counts] if return_counts else []
    return outs[0] if len(outs) == 1 else tuple(outs)


def _unique_resize(values, index, counts, size, fill_value):
    size = python_int(size, "unique", "size")
    n = tf.shape(values)[0]
    pad = tf.maximum(size - n, 0)
    fill = (
        values[:1]
        if fill_value is None
        else tf.fill([1, tf.shape(values)[1]], tf.cast(fill_value, values.dtype))
    )
    fill = tf.broadcast_to(fill, tf.stack([pad, tf.shape(values)[1]]))
    values = tf.concat([values, fill], 0)[:size]
    index = tf.concat([index, tf.zeros([pad], index.dtype)], 0)[:size]
    counts = tf.concat([counts, tf.zeros([pad], counts.dtype)], 0)[:size]
    return values, index, counts


def _to_first(x, axis):
    if axis == 0:
        return x, None
    perm = [axis] + [i for i in range(x.shape.rank) if i != axis]
    return tf.transpose(x, perm), np.argsort(perm).tolist()


def _from_first(x, axis):
    if axis == 0:
        return x
    perm = [axis] + [i for i in range(x.shape.rank) if i != axis]
    return tf.transpose(x, np.argsort(perm).tolist())


# --------------------------------------------------------------- histograms


def bincount(x, weights=None, minlength=0, sparse=False):
    x = tensor(x)
    if not (x.dtype.is_integer or x.dtype == tf.bool):
        raise TypeError(f"bincount: `x` must be an integer tensor. Received: dtype={name(x)}")
    if rank("bincount", x) not in (1, 2):
        raise ValueError(f"bincount: `x` must be 1-D or 2-D. Received: shape={shape_str(x)}")
    minlength = python_int(minlength, "bincount", "minlength")
    if minlength < 0:
        raise ValueError(f"bincount: `minlength` must be non-negative. Received: {minlength}")
    x = tf.cast(x, tf.int32)
    if tf.executing_eagerly() and bool(tf.reduce_any(x < 0)):
        raise ValueError("bincount: `x` must be non-negative. Received negative values.")
    axis = -1 if x.shape.rank == 2 else None
    if weights is None:
        out = tf.math.bincount(x, minlength=minlength, axis=axis, dtype=TF_INDEX)
    else:
        w = _keep("bincount", weights)
        if w.shape != x.shape:
            raise ValueError(
                "bincount: `weights` must have the shape of `x`. "
                f"Received: x.shape={shape_str(x)}, weights.shape={shape_str(w)}"
            )
        wide = w if name(w) not in _BINCOUNT_MISSING else tf.cast(w, _bincount_wide(w))
        out = tf.math.bincount(x, weights=wide, minlength=minlength, axis=axis, dtype=wide.dtype)
        out = cast(out, w.dtype)
    if sparse:
        return tf.sparse.from_dense(out)
    return out


_BINCOUNT_MISSING = frozenset(
    ("bool", "int8", "int16", "uint8", "uint16", "uint32", "uint64", "bfloat16", "float16")
)


def _bincount_wide(w):
    return WIDER[name(w)]


def histogram(x, bins=10, range=None):
    dtype = float_dtype("histogram", x)
    x = tf.reshape(tensor(x, dtype), [-1])
    work = tf.float64 if x.dtype != tf.float64 else x.dtype
    xw = tf.cast(x, work)
    if isinstance(bins, (int, np.integer)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"histogram: `bins` must be a positive integer. Received: {bins}")
        lo, hi = _hist_range(xw, range)
        edges = tf.cast(tf.linspace(lo, hi, bins + 1), x.dtype)
        n_bins = bins
    else:
        edges = tensor(bins, x.dtype)
        if edges.shape.rank != 1 or (edges.shape[0] is not None and edges.shape[0] < 2):
            raise ValueError(
                "histogram: `bins` must be an int or a 1-D sequence of at least two edges. "
                f"Received: bins.shape={shape_str(edges)}"
            )
        n_bins = tf.shape(edges)[0] - 1
    ew = tf.cast(edges, work)
    idx = searchsorted(ew, xw, side="right") - 1
    idx = tf.where(tf.equal(xw, ew[-1]), n_bins - 1, idx)
    inside = tf.logical_and(tf.greater_equal(xw, ew[0]), tf.less_equal(xw, ew[-1]))
    idx = tf.boolean_mask(idx, inside)
    counts = tf.math.unsorted_segment_sum(tf.ones_like(idx), idx, n_bins)
    return tf.cast(counts, TF_INDEX), edges


def _hist_range(xw, value_range):
    if value_range is not None:
        lo, hi = (tf.cast(v, xw.dtype) for v in value_range)
        static = tf.get_static_value(lo), tf.get_static_value(hi)
        if static[0] is not None and static[1] is not None and static[0] > static[1]:
            raise ValueError(
                f"histogram: `range` must be (min, max) with min <= max. Received: {value_range}"
            )
    elif xw.shape[0] == 0:
        lo, hi = tf.constant(0.0, xw.dtype), tf.constant(1.0, xw.dtype)
    else:
        lo, hi = tf.reduce_min(xw), tf.reduce_max(xw)
    same = tf.equal(lo, hi)
    return tf.where(same, lo - 0.5, lo), tf.where(same, hi + 0.5, hi)


# ------------------------------------------------------------------ logic


def _bool_reduce(op, fn, x, axis, keepdims):
    x = tensor(x)
    if x.dtype == tf.string:
        raise TypeError(f"{op} does not accept string tensors. Received: dtype=string")
    x = cast(x, tf.bool)
    ax = axes(op, x, axis)
    return fn(x, _ax(ax), keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return _bool_reduce("all", tf.reduce_all, x, axis, keepdims)


def any(x, axis=None, keepdims=False):
    return _bool_reduce("any", tf.reduce_any, x, axis, keepdims)


def isin(x1, x2, assume_unique=False, invert=False):
    dtype = binary_dtype("isin", x1, x2)
    a, b = tensor(x1, dtype), flatten(tensor(x2, dtype))
    if b.shape[0] == 0:
        found = tf.zeros(tf.shape(a), tf.bool)
    else:
        s = _sort_last(_sortable(b))
        av = _sortable(a)
        if s.dtype in (tf.float16, tf.bfloat16):
            s, av = tf.cast(s, tf.float32), tf.cast(av, tf.float32)
        idx = searchsorted(s, av, side="left")
        idx = tf.minimum(idx, tf.shape(s, out_type=idx.dtype)[0] - 1)
        found = tf.equal(tf.gather(s, idx), av)
    return tf.logical_not(found) if invert else found
