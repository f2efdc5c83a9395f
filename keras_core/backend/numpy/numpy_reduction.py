"""The numpy backend's NumPy reductions (sum, mean, var, max, argmax, quantile, cumsum, ...).

The ops declared in ``keras_core/ops/numpy/reduction.py``; ``numpy.py`` gathers them.
"""

import numpy as np

from keras_core.backend.numpy.op_helpers import (
    HALF,
    arr,
    as_dtype,
    canonical_axis,
    cast,
    check_nonempty,
    float_type,
    half_to_float,
    index,
    name_of,
    native,
    np_axis,
    require_rank,
    sum_type,
    tensor,
)

UNSUPPORTED = {}


_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _prep(op, x, axis, nonempty=False):
    x = tensor(x, op)
    axis = np_axis(op, axis, x.ndim)
    if nonempty:
        check_nonempty(op, x, axis)
    return x, axis


def _sum_like(op, fn, x, axis, keepdims, dtype=None):
    x, axis = _prep(op, x, axis)
    d = sum_type(op, x, dtype)
    src = half_to_float(x) if d in HALF else x
    acc = np.float32 if d in HALF else native(d)
    with np.errstate(all="ignore"):
        return cast(fn(src, axis=axis, keepdims=keepdims, dtype=acc), d)


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
        axis = canonical_axis(op, axis, x.ndim)
    acc = np.float32 if d in HALF else native(d)
    with np.errstate(all="ignore"):
        return cast(fn(half_to_float(x), axis=axis, dtype=acc), d)


def cumsum(x, axis=None, dtype=None):
    return _cumulative("cumsum", np.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative("cumprod", np.cumprod, x, axis, dtype)


def nancumsum(x, axis=None, dtype=None):
    return _cumulative("nancumsum", np.nancumsum, x, axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    return _cumulative("nancumprod", np.nancumprod, x, axis, dtype)


def _extreme(op, fn, x, axis, keepdims, initial=None):
    x, axis = _prep(op, x, axis, nonempty=initial is None)
    d = name_of(x.dtype)
    kwargs = {} if initial is None else {"initial": initial}
    with np.errstate(all="ignore"):
        return cast(fn(half_to_float(x), axis=axis, keepdims=keepdims, **kwargs), d)


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
    axis = np_axis(op, axis, x.ndim)
    check_nonempty(op, x, axis)
    return index(fn(half_to_float(x), axis=axis, keepdims=keepdims))


def argmax(x, axis=None, keepdims=False):
    return _arg_reduce("argmax", np.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg_reduce("argmin", np.argmin, x, axis, keepdims)


def nanargmax(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmax", np.nanargmax, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _arg_reduce("nanargmin", np.nanargmin, x, axis, keepdims)


def all(x, axis=None, keepdims=False):
    x, axis = _prep("all", x, axis)
    return arr(np.all(x, axis=axis, keepdims=keepdims))


def any(x, axis=None, keepdims=False):
    x, axis = _prep("any", x, axis)
    return arr(np.any(x, axis=axis, keepdims=keepdims))


def count_nonzero(x, axis=None):
    x, axis = _prep("count_nonzero", x, axis)
    return index(np.count_nonzero(x, axis=axis))


def _float_reduce(op, fn, x, axis, keepdims, **kwargs):
    import warnings

    x, axis = _prep(op, x, axis)
    d = float_type(op, x)
    src = as_dtype(x, "float32" if d in HALF else d, op)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return cast(fn(src, axis=axis, keepdims=keepdims, **kwargs), d)


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
    axis = np_axis("average", axis, x.ndim)
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
        return cast(np.average(as_dtype(x, wd), axis=axis, weights=w.astype(native(wd))), d)


def corrcoef(x):
    x = tensor(x, "corrcoef")
    require_rank("corrcoef", x, (1, 2))
    d = float_type("corrcoef", x)
    with np.errstate(all="ignore"):
        return cast(np.corrcoef(as_dtype(x, "float32" if d in HALF else d)), d)


# NumPy 2 names it trapezoid; NumPy 1.26 only has trapz (a feature check, not a version).
_NP_TRAPEZOID = getattr(np, "trapezoid", None) or np.trapz


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = tensor(y, "trapezoid", "y")
    axis = canonical_axis("trapezoid", axis, y.ndim)
    d = float_type("trapezoid", y) if x is None else float_type("trapezoid", y, x)
    wd = "float32" if d in HALF else d
    yy = as_dtype(y, wd)
    if x is None:
        return cast(_NP_TRAPEZOID(yy, dx=dx, axis=axis), d)
    xx = as_dtype(x, wd, "trapezoid", "x")
    if xx.ndim == 1 and xx.shape[0] != y.shape[axis]:
        raise ValueError(
            f"trapezoid: `x` must have length {y.shape[axis]} (y.shape[axis]). "
            f"Received: x.shape={xx.shape}, y.shape={y.shape}"
        )
    return cast(_NP_TRAPEZOID(yy, xx, axis=axis), d)
