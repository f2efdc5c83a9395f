"""The numpy backend's NumPy sorting and searching ops (sort, argsort, searchsorted, unique, nonzero, ...).

The ops declared in ``keras_core/ops/numpy/searching.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np

from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.numpy.op_helpers import (
    HALF,
    as_dtype,
    as_int,
    canonical_axis,
    cast,
    float_type,
    half_to_float,
    index,
    name_of,
    native,
    require_kind,
    require_rank,
    result_type,
    tensor,
    unary_type,
)

UNSUPPORTED = {}


def _sort_input(op, x, axis):
    x = tensor(x, op)
    if axis is None:
        return x.reshape(-1), 0
    return x, canonical_axis(op, axis, x.ndim)


def sort(x, axis=-1):
    x, axis = _sort_input("sort", x, axis)
    return cast(np.sort(half_to_float(x), axis=axis, kind="stable"), name_of(x.dtype))


def argsort(x, axis=-1):
    x, axis = _sort_input("argsort", x, axis)
    return index(np.argsort(half_to_float(x), axis=axis, kind="stable"))


def argpartition(x, kth, axis=-1):
    x, axis = _sort_input("argpartition", x, axis)
    n = x.shape[axis]
    kths = [as_int("argpartition", k, "kth") for k in np.ravel(kth)]
    for k in kths:
        if not -n <= k < n:
            raise ValueError(f"argpartition: kth={k} is out of bounds for an axis of length {n}.")
    return index(np.argpartition(half_to_float(x), kths if len(kths) != 1 else kths[0], axis=axis))


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'. Received: side={side!r}")
    a = tensor(sorted_sequence, "searchsorted", "sorted_sequence")
    require_rank("searchsorted", a, (1,), "sorted_sequence")
    d = result_type("searchsorted", a, values)
    a = half_to_float(as_dtype(a, d))
    v = half_to_float(as_dtype(values, d, "searchsorted", "values"))
    return index(np.searchsorted(a, v, side=side))


def digitize(x, bins):
    b = tensor(bins, "digitize", "bins")
    require_rank("digitize", b, (1,), "bins")
    d = result_type("digitize", x, b)
    return index(
        np.digitize(half_to_float(as_dtype(x, d, "digitize")), half_to_float(as_dtype(b, d)))
    )


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError(
            "bincount: the numpy backend does not support sparse tensors. Received: sparse=True"
        )
    x = tensor(x, "bincount")
    require_rank("bincount", x, (1, 2))
    require_kind("bincount", x, "iu", "an integer tensor")
    minlength = as_int("bincount", minlength, "minlength")
    if minlength < 0:
        raise ValueError(f"bincount: `minlength` must be >= 0. Received: minlength={minlength}")
    if x.size and x.min() < 0:
        raise ValueError(f"bincount: `x` must hold non-negative integers. Found {x.min()}")
    length = builtins.max(minlength, int(x.max()) + 1 if x.size else 0)
    if weights is None:
        d, w = INDEX_DTYPE, np.ones(x.shape, np.int32)
    else:
        w = tensor(weights, "bincount", "weights")
        d = unary_type("bincount", w)
        w = w.astype(native(d))
        if w.shape != x.shape:
            raise ValueError(
                "bincount: `weights` must have the shape of `x`. "
                f"Received: x.shape={x.shape}, weights.shape={w.shape}"
            )
    acc = np.float32 if d in HALF else native(d)
    if x.ndim == 1:
        out = np.zeros((length,), acc)
        np.add.at(out, x, w.astype(acc))
    else:
        out = np.zeros((x.shape[0], length), acc)
        rows = np.broadcast_to(np.arange(x.shape[0])[:, None], x.shape)
        np.add.at(out, (rows, x), w.astype(acc))
    return cast(out, d)


def histogram(x, bins=10, range=None):
    x = tensor(x, "histogram")
    bins = as_int("histogram", bins, "bins")
    if bins < 1:
        raise ValueError(f"histogram: `bins` must be a positive int. Received: bins={bins}")
    if range is not None and (len(range) != 2 or range[0] > range[1]):
        raise ValueError(
            f"histogram: `range` must be (min, max) with min <= max. Received: range={range}"
        )
    d = float_type("histogram", x)
    counts, edges = np.histogram(as_dtype(x, "float32" if d in HALF else d), bins=bins, range=range)
    return index(counts), cast(edges, d)


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
    x = tensor(x, "unique")
    if axis is not None:
        axis = canonical_axis("unique", axis, x.ndim)
    d = name_of(x.dtype)
    out = np.unique(
        half_to_float(x),
        return_index=return_index,
        return_inverse=return_inverse,
        return_counts=return_counts,
        axis=axis,
    )
    out = list(out) if isinstance(out, tuple) else [out]
    out[0] = cast(out[0], d)
    if size is not None:
        size = as_int("unique", size, "size")
        out = _pad_unique(out, size, fill_value, axis, return_index, return_inverse)
    if len(out) == 1:
        return out[0]
    return (out[0],) + tuple(index(o) for o in out[1:])


def _pad_unique(out, size, fill_value, axis, return_index, return_inverse):
    values = out[0]
    ax = 0 if axis is None else axis
    n = values.shape[ax]
    if n >= size:
        sl = [slice(None)] * values.ndim
        sl[ax] = slice(0, size)
        padded = [values[tuple(sl)]]
    else:
        if fill_value is None:
            fill = values.min() if values.size else 0
        else:
            fill = fill_value
        pad_shape = list(values.shape)
        pad_shape[ax] = size - n
        pad = np.full(pad_shape, fill, dtype=values.dtype)
        padded = [np.concatenate([values, pad], axis=ax)]
    for i, extra in enumerate(out[1:], 1):
        is_inverse = return_inverse and i == 1 + int(return_index)
        if is_inverse:
            padded.append(extra)
        elif extra.shape[0] >= size:
            padded.append(extra[:size])
        else:
            padded.append(np.concatenate([extra, np.zeros(size - extra.shape[0], extra.dtype)]))
    return padded


def nonzero(x):
    x = tensor(x, "nonzero")
    if x.ndim == 0:
        raise ValueError(
            "nonzero: a 0-d tensor has no nonzero indices (as in NumPy); reshape it to 1-D first."
        )
    return tuple(index(i) for i in np.nonzero(x))
