"""The torch backend's NumPy reductions (sum, mean, var, max, argmax, quantile, cumsum, ...).

The ops declared in ``keras_core/ops/numpy/reduction.py``; ``numpy.py`` gathers them.
"""

import builtins

import torch

from keras_core.backend.torch import op_helpers as b

UNSUPPORTED = {}


def corrcoef(x):
    t = b.ints_to_float(b.tensor(x, "corrcoef"))
    if t.ndim not in (1, 2):
        raise ValueError(f"corrcoef: `x` must be 1-D or 2-D; received shape {tuple(t.shape)}.")
    nat = t.dtype
    m = b.half_to_float(t).reshape(1, -1) if t.ndim < 2 else b.half_to_float(t)
    centered = m - m.mean(dim=1, keepdim=True)
    cov = centered @ centered.conj().T
    d = torch.sqrt(torch.diagonal(cov).real)
    out = cov / d.unsqueeze(1) / d.unsqueeze(0)
    if out.is_complex():
        out = torch.complex(out.real.clamp(-1, 1), out.imag.clamp(-1, 1))
    else:
        out = out.clamp(-1, 1)
    return (out[0, 0] if t.ndim < 2 else out).to(nat)


_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _dims(op, t, axis, keepdims):
    """Returns (tensor, dims, keepdims) ready for a torch reduction.

    torch reads ``dim=()`` as "every dim", NumPy as "none": an empty set of axes
    (also from a 0-d tensor) reduces over a new trailing axis of size 1 instead.
    """
    ax = b.canonical_axes(op, axis, t.ndim)
    if not ax:
        return t.unsqueeze(-1), (t.ndim,), False
    return t, ax, keepdims


def _reduced_size(t, dims):
    n = 1
    for d in dims:
        n *= t.shape[d]
    return n


def _no_identity(op, t, dims):
    if _reduced_size(t, dims) == 0:
        raise ValueError(
            f"{op}: zero-size array to reduction operation {op} which has no identity; "
            f"received shape {tuple(t.shape)}."
        )


def _sum_input(op, x, dtype=None):
    t = b.tensor(x, op)
    return b.cast(t, dtype or b.sum_type(op, t))


# ---------------------------------------------------------------- sums and products
def _sum_like(op, t, axis, keepdims, fn):
    t, dims, keepdims = _dims(op, t, axis, keepdims)
    nat = t.dtype
    return b.narrow_arith(fn(b.widen_arith(t), dim=dims, keepdim=keepdims), nat)


def sum(x, axis=None, keepdims=False):
    return _sum_like("sum", _sum_input("sum", x), axis, keepdims, _torch_sum)


def _torch_sum(t, dim, keepdim):
    return torch.sum(t, dim=dim, keepdim=keepdim, dtype=t.dtype)


def _torch_prod(t, dim, keepdim):
    for d in sorted(dim, reverse=True):
        t = torch.prod(t, dim=d, keepdim=keepdim, dtype=t.dtype)
    return t


def prod(x, axis=None, keepdims=False, dtype=None):
    t = _sum_input("prod", x, None if dtype is None else b.NAMES[b.native(dtype)])
    return _sum_like("prod", t, axis, keepdims, _torch_prod)


def nansum(x, axis=None, keepdims=False):
    t = _sum_input("nansum", x)
    return _sum_like("nansum", _fill_nan(t, 0), axis, keepdims, _torch_sum)


def nanprod(x, axis=None, keepdims=False):
    t = _sum_input("nanprod", x)
    return _sum_like("nanprod", _fill_nan(t, 1), axis, keepdims, _torch_prod)


def _fill_nan(t, value):
    if t.dtype not in b.INEXACT:
        return t
    return torch.where(torch.isnan(t), torch.full_like(t, value), t)


def _cumulative(op, x, axis, dtype, fn):
    t = _sum_input(op, x, None if dtype is None else b.NAMES[b.native(dtype)])
    if axis is None:
        t, axis = t.reshape(-1), 0
    ax = b.canonical_axis(op, axis, t.ndim)
    nat = t.dtype
    return b.narrow_arith(fn(b.widen_arith(t), ax), nat)


def _torch_cumsum(t, ax):
    return torch.cumsum(t, ax, dtype=t.dtype)


def _torch_cumprod(t, ax):
    return torch.cumprod(t, ax, dtype=t.dtype)


def cumsum(x, axis=None, dtype=None):
    return _cumulative("cumsum", x, axis, dtype, _torch_cumsum)


def cumprod(x, axis=None, dtype=None):
    return _cumulative("cumprod", x, axis, dtype, _torch_cumprod)


def nancumsum(x, axis=None, dtype=None):
    t = _fill_nan(b.tensor(x, "nancumsum"), 0)
    return _cumulative("nancumsum", t, axis, dtype, _torch_cumsum)


def nancumprod(x, axis=None, dtype=None):
    t = _fill_nan(b.tensor(x, "nancumprod"), 1)
    return _cumulative("nancumprod", t, axis, dtype, _torch_cumprod)


# ---------------------------------------------------------------- means and moments
def _float_input(op, x):
    return b.ints_to_float(b.tensor(x, op))


def mean(x, axis=None, keepdims=False):
    t, dims, keepdims = _dims("mean", _float_input("mean", x), axis, keepdims)
    return torch.mean(t, dim=dims, keepdim=keepdims)


def var(x, axis=None, keepdims=False):
    t, dims, keepdims = _dims("var", _float_input("var", x), axis, keepdims)
    return torch.var(t, dim=dims, correction=0, keepdim=keepdims)


def std(x, axis=None, keepdims=False):
    t, dims, keepdims = _dims("std", _float_input("std", x), axis, keepdims)
    return torch.std(t, dim=dims, correction=0, keepdim=keepdims)


def _nan_stats(op, x, axis, keepdims):
    t, dims, keepdims = _dims(op, _float_input(op, x), axis, keepdims)
    ok = ~torch.isnan(t)
    filled = torch.where(ok, t, torch.zeros_like(t))
    count = torch.sum(ok, dim=dims, keepdim=True).to(t.real.dtype)
    return filled, ok, count, dims, keepdims


def nanmean(x, axis=None, keepdims=False):
    filled, _, count, dims, keepdims = _nan_stats("nanmean", x, axis, keepdims)
    out = torch.sum(filled, dim=dims, keepdim=True) / count
    return out if keepdims else out.squeeze(dims)


def nanvar(x, axis=None, keepdims=False):
    filled, ok, count, dims, keepdims = _nan_stats("nanvar", x, axis, keepdims)
    centered = filled - torch.sum(filled, dim=dims, keepdim=True) / count
    sq = torch.where(ok, (centered * centered.conj()).real, torch.zeros_like(centered.real))
    out = torch.sum(sq, dim=dims, keepdim=True) / count
    return out if keepdims else out.squeeze(dims)


def nanstd(x, axis=None, keepdims=False):
    return torch.sqrt(nanvar(x, axis=axis, keepdims=keepdims))


def average(x, axis=None, weights=None):
    b.canonical_axes("average", axis, b.tensor(x, "average").ndim)
    if weights is None:
        return mean(x, axis=axis)
    dtype = b.float_type("average", x, weights)
    t = b.as_dtype(x, dtype, "average")
    w = b.as_dtype(weights, dtype, "average", "weights")
    if tuple(w.shape) != tuple(t.shape):
        w = _align_weights(t, w, axis)
    try:
        num = sum(t * w, axis=axis)
    except RuntimeError as e:
        b.reraise("average", e, t, w)
    return num / sum(torch.broadcast_to(w, t.shape), axis=axis)


def _align_weights(t, w, axis):
    if axis is None:
        raise TypeError(
            "average: `axis` must be given when the shapes of `x` and `weights` differ; "
            f"received shapes {tuple(t.shape)} and {tuple(w.shape)}."
        )
    if w.ndim != 1 or isinstance(axis, (list, tuple)):
        raise ValueError(
            "average: `weights` must have the shape of `x`, or be 1-D along one `axis`; "
            f"received shapes {tuple(t.shape)} and {tuple(w.shape)} with axis={axis!r}."
        )
    ax = b.canonical_axis("average", axis, t.ndim)
    if w.shape[0] != t.shape[ax]:
        raise ValueError(
            f"average: `weights` has length {w.shape[0]} but `x` has size {t.shape[ax]} "
            f"along axis {axis}."
        )
    shape = [1] * t.ndim
    shape[ax] = -1
    return w.reshape(shape)


# ---------------------------------------------------------------- max, min and friends
def _extreme(op, x, axis, keepdims, initial, fn, pick):
    t = b.tensor(x, op)
    if t.dtype in b.COMPLEX:
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(t)}.")
    t, dims, keepdims = _dims(op, t, axis, keepdims)
    nat = t.dtype
    if initial is not None and _reduced_size(t, dims) == 0:
        shape = [1 if d in dims else s for d, s in enumerate(t.shape)]
        out = torch.full(shape, initial, dtype=nat)
        return out if keepdims else out.squeeze(dims)
    _no_identity(op, t, dims)
    out = fn(b.widen_order(t), dim=dims, keepdim=keepdims)
    if initial is not None:
        out = pick(out, b.widen_order(b.as_dtype(initial, b.name(t), op, "initial")))
    return b.narrow_order(out, nat)


def max(x, axis=None, keepdims=False, initial=None):
    return _extreme("max", x, axis, keepdims, initial, torch.amax, torch.maximum)


def min(x, axis=None, keepdims=False, initial=None):
    return _extreme("min", x, axis, keepdims, initial, torch.amin, torch.minimum)


def amax(x, axis=None, keepdims=False):
    return _extreme("amax", x, axis, keepdims, None, torch.amax, torch.maximum)


def amin(x, axis=None, keepdims=False):
    return _extreme("amin", x, axis, keepdims, None, torch.amin, torch.minimum)


def _nan_extreme(op, x, axis, keepdims, fill, fn):
    t = b.tensor(x, op)
    if t.dtype not in b.FLOATS:
        return _extreme(op, t, axis, keepdims, None, fn, None)
    nan = torch.isnan(t)
    out = _extreme(
        op, torch.where(nan, torch.full_like(t, fill), t), axis, keepdims, None, fn, None
    )
    all_nan = all(nan, axis=axis, keepdims=keepdims)
    return torch.where(all_nan, torch.full_like(out, float("nan")), out)


def nanmax(x, axis=None, keepdims=False):
    return _nan_extreme("nanmax", x, axis, keepdims, float("-inf"), torch.amax)


def nanmin(x, axis=None, keepdims=False):
    return _nan_extreme("nanmin", x, axis, keepdims, float("inf"), torch.amin)


def ptp(x, axis=None, keepdims=False):
    t = b.tensor(x, "ptp")
    if t.dtype == torch.bool:
        raise TypeError("ptp: boolean inputs are not supported; received dtype bool.")
    b.canonical_axes("ptp", axis, t.ndim)
    hi = amax(t, axis=axis, keepdims=keepdims)
    lo = amin(t, axis=axis, keepdims=keepdims)
    if hi.dtype in b.WIDE_UINTS:
        return b.narrow_arith(b.widen_arith(hi) - b.widen_arith(lo), hi.dtype)
    return hi - lo


def _arg_extreme(op, x, axis, keepdims, fn):
    t = b.tensor(x, op)
    if t.dtype in b.COMPLEX:
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(t)}.")
    if t.dtype == torch.bool:
        t = t.to(torch.uint8)
    t = b.widen_order(t)
    if axis is None:
        flat = t.reshape(-1)
        _no_identity(op, flat, (0,))
        out = fn(flat).to(b.INDEX_T)
        return out.reshape([1] * t.ndim) if keepdims else out
    ax = b.canonical_axis(op, axis, t.ndim)
    _no_identity(op, t, (ax,))
    return fn(t, dim=ax, keepdim=keepdims).to(b.INDEX_T)


def argmax(x, axis=None, keepdims=False):
    return _arg_extreme("argmax", x, axis, keepdims, torch.argmax)


def argmin(x, axis=None, keepdims=False):
    return _arg_extreme("argmin", x, axis, keepdims, torch.argmin)


def _nan_arg(op, x, axis, keepdims, fill, fn):
    t = b.tensor(x, op)
    if t.dtype not in b.FLOATS:
        return _arg_extreme(op, t, axis, keepdims, fn)
    nan = torch.isnan(t)
    out = _arg_extreme(op, torch.where(nan, torch.full_like(t, fill), t), axis, keepdims, fn)
    all_nan = all(nan, axis=axis, keepdims=keepdims)
    return torch.where(all_nan, torch.full_like(out, -1), out)


def nanargmax(x, axis=None, keepdims=False):
    return _nan_arg("nanargmax", x, axis, keepdims, float("-inf"), torch.argmax)


def nanargmin(x, axis=None, keepdims=False):
    return _nan_arg("nanargmin", x, axis, keepdims, float("inf"), torch.argmin)


# ---------------------------------------------------------------- boolean reductions
def _nonzero_mask(op, x):
    t = b.widen_arith(b.tensor(x, op))
    return t if t.dtype == torch.bool else t != 0


def all(x, axis=None, keepdims=False):
    t, dims, keepdims = _dims("all", _nonzero_mask("all", x), axis, keepdims)
    return torch.all(t, dim=dims, keepdim=keepdims)


def any(x, axis=None, keepdims=False):
    t, dims, keepdims = _dims("any", _nonzero_mask("any", x), axis, keepdims)
    return torch.any(t, dim=dims, keepdim=keepdims)


def count_nonzero(x, axis=None):
    t, dims, _ = _dims("count_nonzero", _nonzero_mask("count_nonzero", x), axis, False)
    return torch.sum(t, dim=dims, dtype=b.INDEX_T)


# ---------------------------------------------------------------- quantiles
def _quantile_q(op, q, scale):
    if isinstance(q, (list, tuple)):
        q = torch.tensor(q, dtype=torch.float64)
    qt = b.as_dtype(q, "float64", op, "q") / scale
    if qt.ndim > 1:
        raise ValueError(f"{op}: `q` must be a scalar or 1-D; received shape {tuple(qt.shape)}.")
    if bool(((qt < 0) | (qt > 1) | torch.isnan(qt)).any()):
        bound = "[0, 100]" if scale == 100 else "[0, 1]"
        raise ValueError(f"{op}: `q` must be in the range {bound}; received {q!r}.")
    return qt


def _move_to_last(op, t, axis):
    ax = b.canonical_axes(op, axis, t.ndim)
    rest = [d for d in range(t.ndim) if d not in ax]
    moved = t.permute(rest + list(ax))
    return moved.reshape(moved.shape[: len(rest)] + (_reduced_size(t, ax),)), ax


def _gather_last(v, idx):
    return torch.gather(v, -1, idx.clamp(0, builtins.max(v.shape[-1] - 1, 0)))


def _interpolate(v, pos, method):
    lo = torch.floor(pos)
    hi = torch.ceil(pos)
    if method == "lower":
        return _gather_last(v, lo.long())
    if method == "higher":
        return _gather_last(v, hi.long())
    if method == "nearest":
        return _gather_last(v, torch.round(pos).long())
    a, c = _gather_last(v, lo.long()), _gather_last(v, hi.long())
    if method == "midpoint":
        return (a + c) / 2
    frac = (pos - lo).to(v.dtype)
    return a + (c - a) * frac


def _quantile(op, x, q, axis, method, keepdims, scale, skip_nan):
    if method not in _QUANTILE_METHODS:
        raise ValueError(f"{op}: `method` must be one of {_QUANTILE_METHODS}; received {method!r}.")
    t = _float_input(op, x)
    b.require_real(op, t)
    out_dtype = t.dtype
    qt = _quantile_q(op, q, scale)
    flat, ax = _move_to_last(op, b.half_to_float(t), axis)
    if flat.shape[-1] == 0:  # NumPy gives NaN for an empty slice
        flat = torch.full(flat.shape[:-1] + (1,), float("nan"), dtype=flat.dtype)
    v = torch.sort(flat, dim=-1).values
    nan = torch.isnan(flat)
    n = (
        (~nan).sum(-1, keepdim=True)
        if skip_nan
        else torch.full_like(nan[..., :1], flat.shape[-1], dtype=torch.int64)
    )
    qs = qt.reshape(-1)
    pos = qs * (n.to(torch.float64) - 1).clamp(min=0)
    out = _interpolate(v, pos, method)
    bad = (n == 0) if skip_nan else nan.any(-1, keepdim=True)
    out = torch.where(bad, torch.full_like(out, float("nan")), out)
    out = out.movedim(-1, 0)
    if keepdims:
        shape = [1 if d in ax else s for d, s in enumerate(t.shape)]
        out = out.reshape((out.shape[0],) + tuple(shape))
    else:
        out = out.reshape((out.shape[0],) + tuple(s for d, s in enumerate(t.shape) if d not in ax))
    if qt.ndim == 0:
        out = out[0]
    return out.to(out_dtype)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("quantile", x, q, axis, method, keepdims, 1, False)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("percentile", x, q, axis, method, keepdims, 100, False)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanquantile", x, q, axis, method, keepdims, 1, True)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    return _quantile("nanpercentile", x, q, axis, method, keepdims, 100, True)


def median(x, axis=None, keepdims=False):
    return _quantile("median", x, 0.5, axis, "linear", keepdims, 1, False)


def nanmedian(x, axis=None, keepdims=False):
    return _quantile("nanmedian", x, 0.5, axis, "linear", keepdims, 1, True)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    args = (y,) if x is None else (y, x)
    dtype = b.float_type("trapezoid", *args)
    t = b.as_dtype(y, dtype, "trapezoid", "y")
    ax = b.canonical_axis("trapezoid", axis, t.ndim)
    if x is None:
        return torch.trapezoid(t, dx=dx, dim=ax)
    xs = b.as_dtype(x, dtype, "trapezoid", "x")
    try:
        return torch.trapezoid(t, xs, dim=ax)
    except RuntimeError as e:
        b.reraise("trapezoid", e, t, xs)
