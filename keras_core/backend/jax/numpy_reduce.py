"""The jax backend's reductions, statistics, sorting, searching and counting ops."""

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.jax.numpy_utils import (
    as_int,
    cast,
    check_axis,
    check_choice,
    check_nonempty_reduction,
    check_rank,
    concrete_extrema,
    float_type,
    is_traced,
    nonzero_indices,
    norm_axis,
    result_type,
    sum_type,
    tensor,
)

_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _reduce_input(op, x, axis, nonempty=False):
    x = tensor(x, op)
    axis = norm_axis(op, axis, x)
    if nonempty:
        check_nonempty_reduction(op, x, axis)
    return x, axis


# ----------------------------------------------------------------------------- sums and products


def sum(x, axis=None, keepdims=False):
    x, axis = _reduce_input("sum", x, axis)
    return jnp.sum(x, axis=axis, keepdims=keepdims, dtype=sum_type("sum", x))


def prod(x, axis=None, keepdims=False, dtype=None):
    x, axis = _reduce_input("prod", x, axis)
    return jnp.prod(x, axis=axis, keepdims=keepdims, dtype=sum_type("prod", x, dtype))


def nansum(x, axis=None, keepdims=False):
    x, axis = _reduce_input("nansum", x, axis)
    return jnp.nansum(x, axis=axis, keepdims=keepdims, dtype=sum_type("nansum", x))


def nanprod(x, axis=None, keepdims=False):
    x, axis = _reduce_input("nanprod", x, axis)
    return jnp.nanprod(x, axis=axis, keepdims=keepdims, dtype=sum_type("nanprod", x))


def _cumulative(op, fn, x, axis, dtype):
    x = tensor(x, op)
    d = sum_type(op, x, dtype)
    if axis is None or x.ndim == 0:
        if axis is not None:
            as_int(op, axis, "axis")
            if axis not in (0, -1):
                check_axis(op, axis, x)
        x, axis = jnp.ravel(x), 0
    else:
        axis = check_axis(op, axis, x)
    return fn(x, axis=axis, dtype=d)


def cumsum(x, axis=None, dtype=None):
    return _cumulative("cumsum", jnp.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative("cumprod", jnp.cumprod, x, axis, dtype)


def nancumsum(x, axis=None, dtype=None):
    return _cumulative("nancumsum", jnp.nancumsum, x, axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    return _cumulative("nancumprod", jnp.nancumprod, x, axis, dtype)


# ----------------------------------------------------------------------------- extrema


def max(x, axis=None, keepdims=False, initial=None):
    x, axis = _reduce_input("max", x, axis, nonempty=initial is None)
    return jnp.max(x, axis=axis, keepdims=keepdims, initial=initial)


def min(x, axis=None, keepdims=False, initial=None):
    x, axis = _reduce_input("min", x, axis, nonempty=initial is None)
    return jnp.min(x, axis=axis, keepdims=keepdims, initial=initial)


def amax(x, axis=None, keepdims=False):
    x, axis = _reduce_input("amax", x, axis, nonempty=True)
    return jnp.max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    x, axis = _reduce_input("amin", x, axis, nonempty=True)
    return jnp.min(x, axis=axis, keepdims=keepdims)


def nanmax(x, axis=None, keepdims=False):
    x, axis = _reduce_input("nanmax", x, axis, nonempty=True)
    return jnp.nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x, axis=None, keepdims=False):
    x, axis = _reduce_input("nanmin", x, axis, nonempty=True)
    return jnp.nanmin(x, axis=axis, keepdims=keepdims)


def ptp(x, axis=None, keepdims=False):
    x, axis = _reduce_input("ptp", x, axis, nonempty=True)
    if x.dtype == bool:
        raise TypeError("ptp: boolean input is not supported (as in NumPy). Received dtype bool")
    return jnp.ptp(x, axis=axis, keepdims=keepdims)


def _arg_reduce(op, fn, x, axis, keepdims):
    x = tensor(x, op)
    if axis is not None:
        axis = norm_axis(op, axis, x)
        if isinstance(axis, tuple):
            raise TypeError(f"{op}: `axis` must be None or an int. Received: axis={axis}")
    check_nonempty_reduction(op, x, axis)
    if axis is None and x.ndim == 0:
        out = jnp.zeros((), INDEX_DTYPE)
        return out
    return fn(x, axis=axis, keepdims=keepdims).astype(INDEX_DTYPE)


def argmax(x, axis=None, keepdims=False):
    return _arg_reduce("argmax", jnp.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg_reduce("argmin", jnp.argmin, x, axis, keepdims)


def nanargmax(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmax", jnp.nanargmax, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmin", jnp.nanargmin, x, axis, keepdims)


# ----------------------------------------------------------------------------- logical


def all(x, axis=None, keepdims=False):
    x, axis = _reduce_input("all", x, axis)
    return jnp.all(x, axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    x, axis = _reduce_input("any", x, axis)
    return jnp.any(x, axis=axis, keepdims=keepdims)


def count_nonzero(x, axis=None):
    x, axis = _reduce_input("count_nonzero", x, axis)
    return jnp.count_nonzero(x, axis=axis).astype(INDEX_DTYPE)


# ----------------------------------------------------------------------------- statistics


def _float_reduce(op, fn, x, axis, keepdims):
    x, axis = _reduce_input(op, x, axis)
    x = cast(x, float_type(op, x), op)
    if x.ndim == 0:
        keepdims = False  # a 0-d result keeps rank 0 (jnp.median would add an axis)
    return fn(x, axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    return _float_reduce("mean", jnp.mean, x, axis, keepdims)


def nanmean(x, axis=None, keepdims=False):
    return _float_reduce("nanmean", jnp.nanmean, x, axis, keepdims)


def var(x, axis=None, keepdims=False):
    return _float_reduce("var", jnp.var, x, axis, keepdims)


def nanvar(x, axis=None, keepdims=False):
    return _float_reduce("nanvar", jnp.nanvar, x, axis, keepdims)


def std(x, axis=None, keepdims=False):
    return _float_reduce("std", jnp.std, x, axis, keepdims)


def nanstd(x, axis=None, keepdims=False):
    return _float_reduce("nanstd", jnp.nanstd, x, axis, keepdims)


def median(x, axis=None, keepdims=False):
    return _float_reduce("median", jnp.median, x, axis, keepdims)


def nanmedian(x, axis=None, keepdims=False):
    return _float_reduce("nanmedian", jnp.nanmedian, x, axis, keepdims)


def _quantile(op, fn, x, q, axis, method, keepdims, scale):
    check_choice(op, "method", method, _QUANTILE_METHODS)
    x, axis = _reduce_input(op, x, axis)
    d = float_type(op, x)
    x = cast(x, d, op)
    if x.ndim == 0:
        keepdims = False
    if not is_traced(q) and not isinstance(q, jax.Array):
        values = np.asarray(q, dtype="float64")
        if values.size and not ((values >= 0).all() and (values <= scale).all()):
            raise ValueError(f"{op}: `q` must be in [0, {scale}]. Received: q={q}")
    q = cast(tensor(q, op), "float64", op)
    if scale != 1:
        q = q / scale
    if method == "nearest":
        return _nearest(fn, x, q, axis, keepdims).astype(d)
    return fn(x, q, axis=axis, method=method, keepdims=keepdims).astype(d)


def _nearest(fn, x, q, axis, keepdims):
    # NumPy's "nearest" rounds the virtual index q * (n - 1) half to even.
    lo = fn(x, q, axis=axis, method="lower", keepdims=keepdims)
    hi = fn(x, q, axis=axis, method="higher", keepdims=keepdims)
    valid = (
        jnp.ones(x.shape, "float64") if fn is jnp.quantile else (~jnp.isnan(x)).astype("float64")
    )
    n = jnp.sum(valid, axis=axis, keepdims=keepdims)
    g = jnp.reshape(q, q.shape + (1,) * n.ndim) * (n - 1)
    base = jnp.floor(g)
    frac = g - base
    up = (frac > 0.5) | ((frac == 0.5) & (jnp.remainder(base, 2) == 1))
    return jnp.where(up, hi, lo)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("quantile", jnp.quantile, x, q, axis, method, keepdims, 1)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanquantile", jnp.nanquantile, x, q, axis, method, keepdims, 1)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("percentile", jnp.quantile, x, q, axis, method, keepdims, 100)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanpercentile", jnp.nanquantile, x, q, axis, method, keepdims, 100)


def average(x, axis=None, weights=None):
    if weights is None:
        return _float_reduce("average", jnp.mean, x, axis, False)
    x = tensor(x, "average")
    axis = norm_axis("average", axis, x)
    d = float_type("average", x, weights)
    x, w = cast(x, d), cast(weights, d, "average")
    if w.shape != x.shape:
        ok = axis is not None and not isinstance(axis, tuple) and w.shape == (x.shape[axis],)
        if not ok:
            raise ValueError(
                "average: `weights` must have the shape of `x`, or be 1-D with the length of "
                f"`x` along `axis`. Received: x.shape={x.shape}, weights.shape={w.shape}, "
                f"axis={axis}"
            )
    return jnp.average(x, axis=axis, weights=w)


def corrcoef(x):
    x = tensor(x, "corrcoef")
    check_rank("corrcoef", x, (1, 2))
    return jnp.corrcoef(cast(x, float_type("corrcoef", x)))


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = tensor(y, "trapezoid")
    axis = check_axis("trapezoid", axis, y)
    if x is None:
        d = float_type("trapezoid", y)
        return jnp.trapezoid(cast(y, d), dx=dx, axis=axis).astype(d)
    d = float_type("trapezoid", y, x)
    y, x = cast(y, d), cast(x, d, "trapezoid")
    if x.ndim == 1 and x.shape[0] != y.shape[axis]:
        raise ValueError(
            f"trapezoid: `x` must have length {y.shape[axis]} (y.shape[axis]). "
            f"Received: x.shape={x.shape}, y.shape={y.shape}"
        )
    return jnp.trapezoid(y, x, axis=axis)


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
    a, v = cast(a, d, "searchsorted"), cast(values, d, "searchsorted")
    return jnp.searchsorted(a, v, side=side).astype(INDEX_DTYPE)


def digitize(x, bins):
    bins_t = tensor(bins, "digitize")
    check_rank("digitize", bins_t, (1,), "bins")
    d = result_type("digitize", x, bins_t)
    x, b = cast(x, d, "digitize"), cast(bins_t, d, "digitize")
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
        d = "int32" if w.dtype == bool else dt.standardize_dtype(w.dtype)
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


def diff(a, n=1, axis=-1):
    a = tensor(a, "diff")
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: `n` must be >= 0. Received: n={n}")
    if a.ndim == 0:
        raise ValueError("diff: the input must be at least 1-D. Received a 0-d tensor.")
    axis = check_axis("diff", axis, a)
    return jnp.diff(a, n=n, axis=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "trace")
    if x.ndim < 2:
        raise ValueError(f"trace: the input must be at least 2-D. Received: x.shape={x.shape}")
    a1, a2 = check_axis("trace", axis1, x, "axis1"), check_axis("trace", axis2, x, "axis2")
    if a1 == a2:
        raise ValueError(f"trace: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = as_int("trace", offset, "offset")
    return jnp.trace(x, offset=offset, axis1=a1, axis2=a2, dtype=sum_type("trace", x))


__all__ = [
    "sum", "prod", "nansum", "nanprod", "cumsum", "cumprod", "nancumsum", "nancumprod",
    "max", "min", "amax", "amin", "nanmax", "nanmin", "ptp", "argmax", "argmin",
    "nanargmax", "nanargmin", "all", "any", "count_nonzero", "mean", "nanmean", "var",
    "nanvar", "std", "nanstd", "median", "nanmedian", "quantile", "nanquantile",
    "percentile", "nanpercentile", "average", "corrcoef", "trapezoid", "sort", "argsort",
    "argpartition", "searchsorted", "digitize", "bincount", "histogram", "unique",
    "nonzero", "diff", "trace",
]  # fmt: skip
