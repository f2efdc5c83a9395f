"""The torch backend's NumPy sorting and searching ops (sort, argsort, searchsorted, unique, nonzero, ...).

The ops declared in ``keras_core/ops/numpy/searching.py``; ``numpy.py`` gathers them.
"""

import builtins
import math

import numpy as np
import torch

from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.op_helpers import search_pair

UNSUPPORTED = {}


# ---------------------------------------------------------------- searching
def nonzero(x):
    t = b.widen_arith(b.tensor(x, "nonzero"))
    if t.ndim == 0:
        raise ValueError("nonzero: not defined for 0-d tensors; use nonzero(atleast_1d(x)).")
    return tuple(i.to(b.INDEX_T) for i in torch.nonzero(t, as_tuple=True))


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'; received {side!r}.")
    s, t = search_pair("searchsorted", sorted_sequence, values)
    if s.ndim != 1:
        raise ValueError(
            f"searchsorted: `sorted_sequence` must be 1-D; received shape {tuple(s.shape)}."
        )
    return _search(s, t, side == "right").to(b.INDEX_T)


def _search(s, t, right):
    """torch.searchsorted with NumPy's ordering of NaN (after +inf)."""
    s, t = s.contiguous(), t.contiguous()
    if s.dtype not in b.FLOATS:
        return torch.searchsorted(s, t, right=right)
    s_nan = torch.isnan(s)
    n_nan = s_nan.sum()
    out = torch.searchsorted(
        torch.where(s_nan, torch.full_like(s, float("inf")), s), t, right=right
    )
    if right:
        out = torch.where(t == float("inf"), out - n_nan, out)
    n = s.shape[0]
    return torch.where(torch.isnan(t), (n if right else n - n_nan) + torch.zeros_like(out), out)


def digitize(x, bins):
    s, t = search_pair("digitize", bins, x)
    if s.ndim != 1:
        raise ValueError(f"digitize: `bins` must be 1-D; received shape {tuple(s.shape)}.")
    if s.shape[0] > 1 and bool(s[-1] < s[0]):
        out = s.shape[0] - torch.searchsorted(s.flip(0).contiguous(), t.contiguous(), right=True)
    else:
        out = _search(s, t, True)
    return out.to(b.INDEX_T)


# ---------------------------------------------------------------- sorting
def _sortable(op, x, axis):
    t = b.tensor(x, op)
    if t.dtype in b.COMPLEX:
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(t)}.")
    if axis is None:
        return t.reshape(-1), 0
    return t, b.canonical_axis(op, axis, t.ndim)


def sort(x, axis=-1):
    t, ax = _sortable("sort", x, axis)
    if t.ndim == 0:
        return t.clone()
    nat = t.dtype
    return b.narrow_order(torch.sort(b.widen_order(t), dim=ax, stable=True).values, nat)


def argsort(x, axis=-1):
    t, ax = _sortable("argsort", x, axis)
    return torch.argsort(b.widen_order(t), dim=ax, stable=True).to(b.INDEX_T)


def argpartition(x, kth, axis=-1):
    t, ax = _sortable("argpartition", x, axis)
    if t.ndim == 0:
        raise ValueError("argpartition: `x` must be at least 1-D; received a 0-d tensor.")
    n = t.shape[ax]
    for k in np.atleast_1d(np.asarray(kth)).tolist():
        if not -n <= int(k) < n:
            raise ValueError(f"argpartition: kth={k} is out of bounds for an axis of size {n}.")
    # A full stable sort is one valid partition for every kth.
    return torch.argsort(b.widen_order(t), dim=ax, stable=True).to(b.INDEX_T)


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
    t = b.tensor(x, "unique")
    if t.dtype in b.COMPLEX:
        raise TypeError(f"unique: complex inputs are not supported; received {b.name(t)}.")
    nat = t.dtype
    if axis is None:
        flat, ax = t.reshape(-1), 0
        vals, inv, counts = _unique_flat(b.widen_order(flat))
    else:
        flat, ax = t, b.canonical_axis("unique", axis, t.ndim)
        vals, inv, counts = torch.unique(
            b.widen_order(flat), sorted=True, return_inverse=True, return_counts=True, dim=ax
        )
    vals = b.narrow_order(vals, nat)
    out = [vals]
    if return_index:
        first = torch.full((counts.shape[0],), flat.shape[ax], dtype=torch.int64)
        first = first.scatter_reduce(0, inv, torch.arange(inv.shape[0]), "amin")
        out.append(first.to(b.INDEX_T))
    if return_inverse:
        out.append((inv.reshape(t.shape) if axis is None else inv).to(b.INDEX_T))
    if return_counts:
        out.append(counts.to(b.INDEX_T))
    if size is not None:
        out = _unique_resize(out, int(size), fill_value, ax, return_inverse, return_index)
    return out[0] if len(out) == 1 else tuple(out)


def _unique_flat(flat):
    """Sorted unique values of a 1-D tensor, NaNs last and merged into one (as NumPy)."""
    v, perm = torch.sort(flat, stable=True)
    new = torch.ones(v.shape, dtype=torch.bool)
    if v.shape[0] > 1:
        same = v[1:] == v[:-1]
        if v.dtype in b.FLOATS:
            same = same | (torch.isnan(v[1:]) & torch.isnan(v[:-1]))
        new[1:] = ~same
    group = torch.cumsum(new.to(torch.int64), 0) - 1
    inv = torch.empty_like(group).scatter(0, perm, group)
    counts = torch.bincount(group, minlength=int(new.sum())) if v.numel() else group
    return v[new], inv, counts


def _unique_resize(out, size, fill_value, ax, has_inverse, has_index):
    vals = out[0]
    n = vals.shape[ax]
    if n >= size:
        cut = [o.narrow(ax if i == 0 else 0, 0, size) for i, o in enumerate(out)]
        if has_inverse:
            pos = 1 + int(has_index)
            cut[pos] = out[pos]
        return cut
    extra = size - n
    pad_shape = list(vals.shape)
    pad_shape[ax] = extra
    if fill_value is None:
        filler = (
            vals.narrow(ax, 0, 1).expand(pad_shape)
            if n
            else torch.zeros(pad_shape, dtype=vals.dtype)
        )
    else:
        filler = torch.full(pad_shape, fill_value, dtype=vals.dtype)
    result = [torch.cat([vals, filler], dim=ax)]
    for i, o in enumerate(out[1:], start=1):
        if has_inverse and i == 1 + int(has_index):
            result.append(o)
        else:
            result.append(torch.cat([o, torch.zeros(extra, dtype=o.dtype)]))
    return result


# ---------------------------------------------------------------- counting
def _bincount_length(op, t, minlength):
    if isinstance(minlength, bool) or int(minlength) < 0:
        raise ValueError(f"{op}: `minlength` must be a non-negative int; received {minlength!r}.")
    top = int(t.max()) + 1 if t.numel() else 0
    return builtins.max(top, int(minlength))


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError(
            "bincount: the torch backend does not support sparse tensors; use sparse=False."
        )
    t = b.tensor(x, "bincount")
    b.require_integer("bincount", t)
    if t.ndim not in (1, 2):
        raise ValueError(f"bincount: `x` must be 1-D or 2-D; received shape {tuple(t.shape)}.")
    t = b.widen_order(t).to(torch.int64)
    if t.numel() and bool((t < 0).any()):
        raise ValueError("bincount: `x` must hold non-negative integers.")
    n = _bincount_length("bincount", t, minlength)
    if weights is None:
        w = torch.ones(t.shape, dtype=b.INDEX_T)
    else:
        w = b.tensor(weights, "bincount", "weights")
        if w.dtype == torch.bool:
            w = w.to(b.INDEX_T)
        if tuple(w.shape) != tuple(t.shape):
            raise ValueError(
                f"bincount: `weights` must have the shape of `x`; received {tuple(w.shape)} "
                f"and {tuple(t.shape)}."
            )
    nat = w.dtype
    w = b.widen_arith(w)
    out = torch.zeros(t.shape[:-1] + (n,), dtype=w.dtype).scatter_add(-1, t, w)
    return b.narrow_arith(out, nat)


def histogram(x, bins=10, range=None):
    t = b.tensor(x, "histogram")
    b.require_real("histogram", t)
    out_dtype = b.ints_to_float(t).dtype
    flat = t.reshape(-1).to(torch.float64)
    edges = _histogram_edges(flat, bins, range)
    keep = (flat >= edges[0]) & (flat <= edges[-1])
    vals = flat[keep]
    idx = torch.bucketize(vals, edges, right=True) - 1
    idx = idx.clamp(0, edges.shape[0] - 2)
    counts = torch.bincount(idx, minlength=edges.shape[0] - 1)
    return counts.to(b.INDEX_T), edges.to(out_dtype)


def _histogram_edges(flat, bins, range):
    if isinstance(bins, (int,)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"histogram: `bins` must be a positive int; received {bins!r}.")
        if range is not None:
            lo, hi = (float(v) for v in range)
            if lo > hi:
                raise ValueError(
                    f"histogram: `range` must be (min, max) with min <= max; got {range!r}."
                )
        elif flat.numel():
            lo, hi = float(flat.min()), float(flat.max())
            if not (math.isfinite(lo) and math.isfinite(hi)):
                raise ValueError(f"histogram: the data range [{lo}, {hi}] is not finite.")
        else:
            lo, hi = 0.0, 1.0
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        edges = torch.arange(bins + 1, dtype=torch.float64) * ((hi - lo) / bins) + lo
        edges[-1] = hi
        return edges
    edges = b.tensor(bins, "histogram", "bins").to(torch.float64)
    if edges.ndim != 1 or edges.shape[0] < 2 or bool((edges[1:] < edges[:-1]).any()):
        raise ValueError("histogram: `bins` must be an int or an increasing 1-D sequence of edges.")
    return edges
