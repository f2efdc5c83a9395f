"""The jax backend's ops of ``keras_core/ops/numpy/searching.py``."""

import builtins

import jax.numpy as jnp
import numpy as np

from keras_core.backend.common import dtype_rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.jax.op_helpers import (
    as_int,
    cast,
    check_axis,
    check_choice,
    check_rank,
    concrete_extrema,
    float_type,
    is_traced,
    nonzero_indices,
    result_type,
    tensor,
)

# ----------------------------------------------------------------------------- sorting


def _sort_axis(op, x, axis):
    if axis is None:
        return jnp.ravel(x), 0
    return x, check_axis(op, axis, x)


def sort(x, axis=-1):
    x, axis = _sort_axis("sort", tensor(x, "sort"), axis)
    return jnp.sort(x, axis=axis)


def argsort(x, axis=-1):
    x, axis = _sort_axis("argsort", tensor(x, "argsort"), axis)
    return jnp.argsort(x, axis=axis, stable=True).astype(INDEX_DTYPE)


def argpartition(x, kth, axis=-1):
    x, axis = _sort_axis("argpartition", tensor(x, "argpartition"), axis)
    n = x.shape[axis]
    kths = (
        [as_int("argpartition", k, "kth") for k in np.ravel(kth)]
        if not isinstance(kth, int)
        else [kth]
    )
    for k in kths:
        if not -n <= k < n:
            raise ValueError(f"argpartition: kth={k} is out of bounds for an axis of length {n}.")
    if len(kths) != 1:
        # A full sort satisfies every requested partition point at once.
        return jnp.argsort(x, axis=axis, stable=True).astype(INDEX_DTYPE)
    if x.dtype == bool:
        x = x.astype("uint8")
    return jnp.argpartition(x, kths[0] % n, axis=axis).astype(INDEX_DTYPE)


def searchsorted(sorted_sequence, values, side="left"):
    check_choice("searchsorted", "side", side, ("left", "right"))
    a = tensor(sorted_sequence, "searchsorted")
    check_rank("searchsorted", a, (1,), "sorted_sequence")
    d = result_type("searchsorted", a, values)
    a, v = cast(a, d), cast(values, d)
    return jnp.searchsorted(a, v, side=side).astype(INDEX_DTYPE)


def digitize(x, bins):
    bins_t = tensor(bins, "digitize")
    check_rank("digitize", bins_t, (1,), "bins")
    d = result_type("digitize", x, bins_t)
    x, b = cast(x, d), cast(bins_t, d)
    return jnp.digitize(x, b).astype(INDEX_DTYPE)


# ----------------------------------------------------------------------------- counting


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError(
            "bincount: the jax backend does not support sparse tensors. Received: sparse=True"
        )
    x = tensor(x, "bincount")
    check_rank("bincount", x, (1, 2))
    if x.dtype.kind not in "iu":
        raise TypeError(f"bincount: `x` must hold integers. Received: x.dtype={x.dtype}")
    minlength = as_int("bincount", minlength, "minlength")
    if minlength < 0:
        raise ValueError(f"bincount: `minlength` must be >= 0. Received: minlength={minlength}")
    length = minlength
    if x.size:
        low, high = concrete_extrema("bincount", x, "the output length")
        if low < 0:
            raise ValueError(f"bincount: `x` must hold non-negative integers. Found {low}")
        length = builtins.max(minlength, high + 1)
    if weights is None:
        d = INDEX_DTYPE
        w = jnp.ones(x.shape, d)
    else:
        w = tensor(weights, "bincount")
        d = dtype_rules.unary_result_dtype(dt.standardize_dtype(w.dtype), op="bincount")
        w = w.astype(d)
        if w.shape != x.shape:
            raise ValueError(
                "bincount: `weights` must have the shape of `x`. "
                f"Received: x.shape={x.shape}, weights.shape={w.shape}"
            )
    if x.ndim == 1:
        return jnp.zeros((length,), d).at[x].add(w)
    rows = jnp.broadcast_to(jnp.arange(x.shape[0])[:, None], x.shape)
    return jnp.zeros((x.shape[0], length), d).at[rows, x].add(w)


def histogram(x, bins=10, range=None):
    x = tensor(x, "histogram")
    bins = as_int("histogram", bins, "bins")
    if bins < 1:
        raise ValueError(f"histogram: `bins` must be a positive int. Received: bins={bins}")
    if range is not None:
        if len(range) != 2 or range[0] > range[1]:
            raise ValueError(
                f"histogram: `range` must be (min, max) with min <= max. Received: range={range}"
            )
    d = float_type("histogram", x)
    # Binned in float64 (as NumPy does) so values on a bin edge land in the same bin.
    counts, edges = jnp.histogram(cast(x, "float64"), bins=bins, range=range)
    return counts.astype(INDEX_DTYPE), edges.astype(d)


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
        axis = check_axis("unique", axis, x)
    if size is None and is_traced(x):
        raise ValueError(
            "unique: the number of unique values depends on the values of a traced tensor; "
            "pass `size` to use unique inside jax.jit."
        )
    out = jnp.unique(
        x,
        return_index=return_index,
        return_inverse=return_inverse,
        return_counts=return_counts,
        axis=axis,
        size=size,
        fill_value=fill_value,
    )
    if not (return_index or return_inverse or return_counts):
        return out
    return (out[0],) + tuple(o.astype(INDEX_DTYPE) for o in out[1:])


def nonzero(x):
    return nonzero_indices("nonzero", x)
