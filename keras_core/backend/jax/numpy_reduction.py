"""The jax backend's ops of ``keras_core/ops/numpy/reduction.py``."""

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.jax.op_helpers import (
    as_int,
    cast,
    check_axis,
    check_choice,
    check_nonempty_reduction,
    check_rank,
    float_type,
    is_traced,
    norm_axis,
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
    x = cast(x, float_type(op, x))
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
    x = cast(x, d)
    if x.ndim == 0:
        keepdims = False
    if not is_traced(q) and not isinstance(q, jax.Array):
        values = np.asarray(q, dtype="float64")
        if values.size and not ((values >= 0).all() and (values <= scale).all()):
            raise ValueError(f"{op}: `q` must be in [0, {scale}]. Received: q={q}")
    q = cast(tensor(q, op, "q"), "float64")
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
    x, w = cast(x, d), cast(weights, d)
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
    y, x = cast(y, d), cast(x, d)
    if x.ndim == 1 and x.shape[0] != y.shape[axis]:
        raise ValueError(
            f"trapezoid: `x` must have length {y.shape[axis]} (y.shape[axis]). "
            f"Received: x.shape={x.shape}, y.shape={y.shape}"
        )
    return jnp.trapezoid(y, x, axis=axis)
