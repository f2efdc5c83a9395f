"""The tensorflow backend's NumPy sorting and searching ops (sort, searchsorted, unique, histogram, ...).

Every public function here is an op declared in keras_core/ops/numpy/searching.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.op_helpers import (
    TF_INDEX,
    WIDER,
    argsort_last,
    as_int,
    canonical_axis,
    cast,
    dtype_name,
    flatten,
    float_type,
    result_type,
    shape_str,
    sort_last,
    sortable,
    static_rank,
)


def nonzero(x):
    x = cast(x, result_type("nonzero", x))
    if static_rank("nonzero", x) == 0:
        raise ValueError(
            "nonzero: calling nonzero on a 0-d tensor is not allowed; use "
            "nonzero(reshape(x, [1])). Received: shape=()"
        )
    nz = tf.not_equal(x, tf.zeros_like(x)) if x.dtype != tf.bool else x
    idx = tf.cast(tf.where(nz), TF_INDEX)
    return tuple(idx[:, i] for i in range(x.shape.rank))


def _to_last(x, axis):
    r = x.shape.rank
    if axis == r - 1:
        return x, None
    perm = [i for i in range(r) if i != axis] + [axis]
    return tf.transpose(x, perm), np.argsort(perm).tolist()


def _from_last(x, inv):
    return x if inv is None else tf.transpose(x, inv)


def sort(x, axis=-1):
    x = cast(x, result_type("sort", x))
    if axis is None:
        x, axis = flatten(x), 0
    axis = canonical_axis("sort", axis, static_rank("sort", x))
    y, inv = _to_last(x, axis)
    return _from_last(sort_last(y), inv)


def argsort(x, axis=-1):
    x = cast(x, result_type("argsort", x))
    if axis is None or x.shape.rank == 0:
        x, axis = flatten(x), 0
    axis = canonical_axis("argsort", axis, static_rank("argsort", x))
    y, inv = _to_last(x, axis)
    return _from_last(tf.cast(argsort_last(y), TF_INDEX), inv)


def argpartition(x, kth, axis=-1):
    x = cast(x, result_type("argpartition", x))
    if axis is None:
        x, axis = flatten(x), 0
    axis = canonical_axis("argpartition", axis, static_rank("argpartition", x))
    n = x.shape[axis]
    for k in np.ravel(kth):
        k = as_int("argpartition", k, "kth")
        if n is not None and not -n <= k < n:
            raise ValueError(
                f"argpartition: kth={k} is out of bounds for an axis of size {n}. "
                f"Received: kth={kth}, shape={shape_str(x)}"
            )
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'. Received: side={side!r}")
    dtype = result_type("searchsorted", sorted_sequence, values)
    a, v = cast(sorted_sequence, dtype), cast(values, dtype)
    if static_rank("searchsorted", a) != 1:
        raise ValueError(
            "searchsorted: `sorted_sequence` must be 1-D. "
            f"Received: sorted_sequence.shape={shape_str(a)}"
        )
    a, v = sortable(a), sortable(v)
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
    dtype = result_type("digitize", x, bins)
    b = cast(bins, dtype)
    if static_rank("digitize", b) != 1:
        raise ValueError(f"digitize: `bins` must be 1-D. Received: bins.shape={shape_str(b)}")
    x = cast(x, dtype)
    up = searchsorted(b, x, side="right")
    n = tf.shape(b, out_type=TF_INDEX)[0]
    down = n - searchsorted(tf.reverse(b, [0]), x, side="left")
    if b.shape[0] == 0:
        return up
    decreasing = tf.less(sortable(b)[-1], sortable(b)[0])
    return tf.where(decreasing, down, up)


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
        perm = tf.gather(perm, argsort_last(col))
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
    x = cast(x, result_type("unique", x))
    in_shape = tf.shape(x)
    if axis is None:
        rows = tf.reshape(x, [-1, 1])
        ax = None
    else:
        ax = canonical_axis("unique", axis, static_rank("unique", x))
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
    size = as_int("unique", size, "size")
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


def bincount(x, weights=None, minlength=0, sparse=False):
    x = convert_to_tensor(x)
    if not (x.dtype.is_integer or x.dtype == tf.bool):
        raise TypeError(f"bincount: `x` must be an integer tensor. Received: dtype={dtype_name(x)}")
    if static_rank("bincount", x) not in (1, 2):
        raise ValueError(f"bincount: `x` must be 1-D or 2-D. Received: shape={shape_str(x)}")
    minlength = as_int("bincount", minlength, "minlength")
    if minlength < 0:
        raise ValueError(f"bincount: `minlength` must be non-negative. Received: {minlength}")
    x = tf.cast(x, tf.int32)
    if tf.executing_eagerly() and bool(tf.reduce_any(x < 0)):
        raise ValueError("bincount: `x` must be non-negative. Received negative values.")
    axis = -1 if x.shape.rank == 2 else None
    if weights is None:
        out = tf.math.bincount(x, minlength=minlength, axis=axis, dtype=TF_INDEX)
    else:
        w = cast(weights, result_type("bincount", weights))
        if w.shape != x.shape:
            raise ValueError(
                "bincount: `weights` must have the shape of `x`. "
                f"Received: x.shape={shape_str(x)}, weights.shape={shape_str(w)}"
            )
        wide = w if dtype_name(w) not in _BINCOUNT_MISSING else tf.cast(w, _bincount_wide(w))
        out = tf.math.bincount(x, weights=wide, minlength=minlength, axis=axis, dtype=wide.dtype)
        out = cast(out, w.dtype)
    if sparse:
        return tf.sparse.from_dense(out)
    return out


_BINCOUNT_MISSING = frozenset(
    ("bool", "int8", "int16", "uint8", "uint16", "uint32", "uint64", "bfloat16", "float16")
)


def _bincount_wide(w):
    return WIDER[dtype_name(w)]


def histogram(x, bins=10, range=None):
    dtype = float_type("histogram", x)
    x = tf.reshape(cast(x, dtype), [-1])
    work = tf.float64 if x.dtype != tf.float64 else x.dtype
    xw = tf.cast(x, work)
    if isinstance(bins, (int, np.integer)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"histogram: `bins` must be a positive integer. Received: {bins}")
        lo, hi = _hist_range(xw, range)
        edges = tf.cast(tf.linspace(lo, hi, bins + 1), x.dtype)
        n_bins = bins
    else:
        edges = cast(bins, x.dtype)
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
