"""The numpy backend's reductions, statistics, sorting, searching and counting ops."""

import builtins

import numpy as np

from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.numpy.numpy_base import (
    HALF,
    arr,
    as_dtype,
    as_int,
    axes,
    axis_index,
    cast_out,
    check_nonempty,
    float_type,
    index,
    name_of,
    native,
    promote,
    require_kind,
    require_rank,
    sum_type,
    tensor,
)

_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _up(x):
    """Half-precision arrays computed in float32 (exact widening; ml_dtypes sorts unreliably)."""
    return x.astype(np.float32) if name_of(x.dtype) in HALF else x


def _prep(op, x, axis, nonempty=False):
    x = tensor(x, op)
    axis = axes(op, axis, x.ndim)
    if nonempty:
        check_nonempty(op, x, axis)
    return x, axis


# ----------------------------------------------------------------------------- sums and products


def _sum_like(op, fn, x, axis, keepdims, dtype=None):
    x, axis = _prep(op, x, axis)
    d = sum_type(op, x, dtype)
    src = _up(x) if d in HALF else x
    acc = np.float32 if d in HALF else native(d)
    with np.errstate(all="ignore"):
        return cast_out(fn(src, axis=axis, keepdims=keepdims, dtype=acc), d)


def sum(x, axis=None, keepdims=False):
    return _sum_like("sum", np.sum, x, axis, keepdims)


def prod(x, axis=None, keepdims=False, dtype=None):
    return _sum_like("prod", np.prod, x, axis, keepdims, dtype)


def nansum(x, axis=None, keepdims=False):
    return _sum_like("nansum", np.nansum, x, axis, keepdims)


def nanprod(x, axis=None, keepdims=False):
    return _sum_like("nanprod", np.nanprod, x, axis, keepdims)


def _cumulative(op, fn, x, axis, dtype):
    x = tensor(x, op)
    d = sum_type(op, x, dtype)
    if axis is None:
        x, axis = x.reshape(-1), 0
    else:
        axis = axis_index(op, axis, x.ndim)
    acc = np.float32 if d in HALF else native(d)
    with np.errstate(all="ignore"):
        return cast_out(fn(_up(x), axis=axis, dtype=acc), d)


def cumsum(x, axis=None, dtype=None):
    return _cumulative("cumsum", np.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative("cumprod", np.cumprod, x, axis, dtype)


def nancumsum(x, axis=None, dtype=None):
    return _cumulative("nancumsum", np.nancumsum, x, axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    return _cumulative("nancumprod", np.nancumprod, x, axis, dtype)


# ----------------------------------------------------------------------------- extrema


def _extreme(op, fn, x, axis, keepdims, initial=None):
    x, axis = _prep(op, x, axis, nonempty=initial is None)
    d = name_of(x.dtype)
    kwargs = {} if initial is None else {"initial": initial}
    with np.errstate(all="ignore"):
        return cast_out(fn(_up(x), axis=axis, keepdims=keepdims, **kwargs), d)


def max(x, axis=None, keepdims=False, initial=None):
    return _extreme("max", np.max, x, axis, keepdims, initial)


def min(x, axis=None, keepdims=False, initial=None):
    return _extreme("min", np.min, x, axis, keepdims, initial)


def amax(x, axis=None, keepdims=False):
    return _extreme("amax", np.max, x, axis, keepdims)


def amin(x, axis=None, keepdims=False):
    return _extreme("amin", np.min, x, axis, keepdims)


def nanmax(x, axis=None, keepdims=False):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _extreme("nanmax", np.nanmax, x, axis, keepdims)


def nanmin(x, axis=None, keepdims=False):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _extreme("nanmin", np.nanmin, x, axis, keepdims)


def ptp(x, axis=None, keepdims=False):
    x = tensor(x, "ptp")
    if x.dtype == bool:
        raise TypeError("ptp: boolean input is not supported (as in NumPy). Received dtype bool")
    return _extreme("ptp", np.ptp, x, axis, keepdims)


def _arg_reduce(op, fn, x, axis, keepdims):
    x = tensor(x, op)
    if isinstance(axis, (list, tuple)):
        raise TypeError(f"{op}: `axis` must be None or an int. Received: axis={axis}")
    axis = axes(op, axis, x.ndim)
    check_nonempty(op, x, axis)
    return index(fn(_up(x), axis=axis, keepdims=keepdims))


def argmax(x, axis=None, keepdims=False):
    return _arg_reduce("argmax", np.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg_reduce("argmin", np.argmin, x, axis, keepdims)


def nanargmax(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmax", np.nanargmax, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmin", np.nanargmin, x, axis, keepdims)


# ----------------------------------------------------------------------------- logical


def all(x, axis=None, keepdims=False):
    x, axis = _prep("all", x, axis)
    return arr(np.all(x, axis=axis, keepdims=keepdims))


def any(x, axis=None, keepdims=False):
    x, axis = _prep("any", x, axis)
    return arr(np.any(x, axis=axis, keepdims=keepdims))


def count_nonzero(x, axis=None):
    x, axis = _prep("count_nonzero", x, axis)
    return index(np.count_nonzero(x, axis=axis))


# ----------------------------------------------------------------------------- statistics


def _float_reduce(op, fn, x, axis, keepdims, **kwargs):
    import warnings

    x, axis = _prep(op, x, axis)
    d = float_type(op, x)
    src = as_dtype(x, "float32" if d in HALF else d, op)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return cast_out(fn(src, axis=axis, keepdims=keepdims, **kwargs), d)


def mean(x, axis=None, keepdims=False):
    return _float_reduce("mean", np.mean, x, axis, keepdims)


def nanmean(x, axis=None, keepdims=False):
    return _float_reduce("nanmean", np.nanmean, x, axis, keepdims)


def var(x, axis=None, keepdims=False):
    return _float_reduce("var", np.var, x, axis, keepdims)


def nanvar(x, axis=None, keepdims=False):
    return _float_reduce("nanvar", np.nanvar, x, axis, keepdims)


def std(x, axis=None, keepdims=False):
    return _float_reduce("std", np.std, x, axis, keepdims)


def nanstd(x, axis=None, keepdims=False):
    return _float_reduce("nanstd", np.nanstd, x, axis, keepdims)


def median(x, axis=None, keepdims=False):
    return _float_reduce("median", np.median, x, axis, keepdims)


def nanmedian(x, axis=None, keepdims=False):
    return _float_reduce("nanmedian", np.nanmedian, x, axis, keepdims)


def _quantile(op, fn, x, q, axis, method, keepdims, scale):
    if method not in _QUANTILE_METHODS:
        raise ValueError(
            f"{op}: `method` must be one of {_QUANTILE_METHODS}. Received: method={method!r}"
        )
    qa = q if isinstance(q, np.ndarray) else np.asarray(q, dtype=np.float64)
    qa = tensor(qa, op, "q").astype(np.float64)
    if qa.size and not ((qa >= 0).all() and (qa <= scale).all()):
        raise ValueError(f"{op}: `q` must be in [0, {scale}]. Received: q={q}")
    return _float_reduce(op, fn, x, axis, keepdims, q=qa / scale, method=method)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("quantile", _q(np.quantile), x, q, axis, method, keepdims, 1)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanquantile", _q(np.nanquantile), x, q, axis, method, keepdims, 1)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("percentile", _q(np.quantile), x, q, axis, method, keepdims, 100)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanpercentile", _q(np.nanquantile), x, q, axis, method, keepdims, 100)


def _q(fn):
    def run(x, axis, keepdims, q, method):
        return fn(x, q, axis=axis, keepdims=keepdims, method=method)

    return run


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    x = tensor(x, "average")
    axis = axes("average", axis, x.ndim)
    d = float_type("average", x, weights)
    w = as_dtype(weights, d, "average", "weights")
    if w.shape != x.shape:
        ok = isinstance(axis, int) and w.shape == (x.shape[axis],)
        if not ok:
            raise ValueError(
                "average: `weights` must have the shape of `x`, or be 1-D with the length of "
                f"`x` along `axis`. Received: x.shape={x.shape}, weights.shape={w.shape}, "
                f"axis={axis}"
            )
    wd = "float32" if d in HALF else d
    with np.errstate(all="ignore"):
        return cast_out(np.average(as_dtype(x, wd), axis=axis, weights=w.astype(native(wd))), d)


def corrcoef(x):
    x = tensor(x, "corrcoef")
    require_rank("corrcoef", x, (1, 2))
    d = float_type("corrcoef", x)
    with np.errstate(all="ignore"):
        return cast_out(np.corrcoef(as_dtype(x, "float32" if d in HALF else d)), d)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = tensor(y, "trapezoid", "y")
    axis = axis_index("trapezoid", axis, y.ndim)
    d = float_type("trapezoid", y) if x is None else float_type("trapezoid", y, x)
    wd = "float32" if d in HALF else d
    yy = as_dtype(y, wd)
    if x is None:
        return cast_out(np.trapezoid(yy, dx=dx, axis=axis), d)
    xx = as_dtype(x, wd, "trapezoid", "x")
    if xx.ndim == 1 and xx.shape[0] != y.shape[axis]:
        raise ValueError(
            f"trapezoid: `x` must have length {y.shape[axis]} (y.shape[axis]). "
            f"Received: x.shape={xx.shape}, y.shape={y.shape}"
        )
    return cast_out(np.trapezoid(yy, xx, axis=axis), d)


# ----------------------------------------------------------------------------- sorting


def _sort_input(op, x, axis):
    x = tensor(x, op)
    if axis is None:
        return x.reshape(-1), 0
    return x, axis_index(op, axis, x.ndim)


def sort(x, axis=-1):
    x, axis = _sort_input("sort", x, axis)
    return cast_out(np.sort(_up(x), axis=axis, kind="stable"), name_of(x.dtype))


def argsort(x, axis=-1):
    x, axis = _sort_input("argsort", x, axis)
    return index(np.argsort(_up(x), axis=axis, kind="stable"))


def argpartition(x, kth, axis=-1):
    x, axis = _sort_input("argpartition", x, axis)
    n = x.shape[axis]
    kths = [as_int("argpartition", k, "kth") for k in np.ravel(kth)]
    for k in kths:
        if not -n <= k < n:
            raise ValueError(f"argpartition: kth={k} is out of bounds for an axis of length {n}.")
    return index(np.argpartition(_up(x), kths if len(kths) != 1 else kths[0], axis=axis))


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'. Received: side={side!r}")
    a = tensor(sorted_sequence, "searchsorted", "sorted_sequence")
    require_rank("searchsorted", a, (1,), "sorted_sequence")
    d = promote("searchsorted", a, values)
    a = _up(as_dtype(a, d))
    v = _up(as_dtype(values, d, "searchsorted", "values"))
    return index(np.searchsorted(a, v, side=side))


def digitize(x, bins):
    b = tensor(bins, "digitize", "bins")
    require_rank("digitize", b, (1,), "bins")
    d = promote("digitize", x, b)
    return index(np.digitize(_up(as_dtype(x, d, "digitize")), _up(as_dtype(b, d))))


# ----------------------------------------------------------------------------- counting


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
        d = "int32" if w.dtype == bool else name_of(w.dtype)
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
    return cast_out(out, d)


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
    return index(counts), cast_out(edges, d)


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
        axis = axis_index("unique", axis, x.ndim)
    d = name_of(x.dtype)
    out = np.unique(
        _up(x),
        return_index=return_index,
        return_inverse=return_inverse,
        return_counts=return_counts,
        axis=axis,
    )
    out = list(out) if isinstance(out, tuple) else [out]
    out[0] = cast_out(out[0], d)
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


def diff(a, n=1, axis=-1):
    a = tensor(a, "diff", "a")
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: `n` must be >= 0. Received: n={n}")
    if a.ndim == 0:
        raise ValueError("diff: the input must be at least 1-D. Received a 0-d tensor.")
    axis = axis_index("diff", axis, a.ndim)
    d = name_of(a.dtype)
    return cast_out(np.diff(_up(a), n=n, axis=axis), d)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "trace")
    if x.ndim < 2:
        raise ValueError(f"trace: the input must be at least 2-D. Received: x.shape={x.shape}")
    a1 = axis_index("trace", axis1, x.ndim, "axis1")
    a2 = axis_index("trace", axis2, x.ndim, "axis2")
    if a1 == a2:
        raise ValueError(f"trace: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = as_int("trace", offset, "offset")
    d = sum_type("trace", x)
    src = _up(x) if d in HALF else x
    acc = np.float32 if d in HALF else native(d)
    return cast_out(np.trace(src, offset=offset, axis1=a1, axis2=a2, dtype=acc), d)


__all__ = [
    n for n, v in list(globals().items())
    if callable(v) and getattr(v, "__module__", None) == __name__ and not n.startswith("_")
]  # fmt: skip
