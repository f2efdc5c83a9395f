# Indexing, sorting and searching of the torch backend's numpy functions (see backend/README.md).
import builtins

import numpy as np
import torch

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.torch import core
from keras_core.backend.torch import numpy_base as b

UNSUPPORTED = {}

_INDEX_OK = (torch.int32, torch.int64, torch.bool)


# ---------------------------------------------------------------- get_item
def _key_entry(k):
    if isinstance(k, core.Variable):
        k = k.value
    if isinstance(k, (list, np.ndarray)):
        k = b.tensor(k, "get_item", "key")
    if isinstance(k, b.Tensor):
        if k.dtype in b.INEXACT:
            raise IndexError(
                f"get_item: tensors used as indices must be integer or boolean; got {b.name(k)}."
            )
        return k if k.dtype in _INDEX_OK else b.widen_order(k).to(torch.int64)
    if isinstance(k, np.integer):
        return int(k)
    if isinstance(k, np.bool_):
        return bool(k)
    if isinstance(k, slice):
        return slice(*(_slice_bound(v) for v in (k.start, k.stop, k.step)))
    if k is None or k is Ellipsis or isinstance(k, (int, bool)):
        return k
    raise IndexError(f"get_item: unsupported index {k!r} of type {type(k).__name__}.")


def _slice_bound(v):
    if v is None:
        return None
    if isinstance(v, (b.Tensor, np.integer, np.ndarray)):
        return int(v)
    return v


def _consumed(k):
    if k is None or isinstance(k, bool):
        return 0
    if isinstance(k, b.Tensor) and k.dtype == torch.bool:
        return k.ndim
    return 1


def _positive_slices(t, key):
    """Replaces negative-step slices (which torch lacks) by flips and positive steps."""
    used = builtins.sum(_consumed(k) for k in key if k is not Ellipsis)
    dim, flips, out = 0, [], []
    for k in key:
        if k is Ellipsis:
            dim += builtins.max(t.ndim - used, 0)
            out.append(k)
            continue
        if isinstance(k, slice) and k.step is not None and k.step < 0 and dim < t.ndim:
            n = t.shape[dim]
            start, stop, step = k.indices(n)
            count = len(range(start, stop, step))
            first = n - 1 - start
            k = slice(first, first + count * -step, -step) if count else slice(0, 0)
            flips.append(dim)
        out.append(k)
        dim += _consumed(k)
    if flips:
        t = b.on_wide(torch.flip, t, flips)
    return t, tuple(out)


def get_item(x, key):
    t = b.tensor(x, "get_item")
    entries = key if isinstance(key, tuple) else (key,)
    entries = tuple(_key_entry(k) for k in entries)
    if builtins.any(isinstance(k, slice) and k.step == 0 for k in entries):
        raise ValueError("get_item: slice step cannot be zero.")
    t, entries = _positive_slices(t, entries)
    try:
        return t[entries]
    except IndexError as e:
        raise IndexError(f"get_item: {e} (tensor shape {tuple(t.shape)}).") from None


# ---------------------------------------------------------------- take
def _wrap_indices(op, idx, n):
    if idx.dtype in b.INEXACT or idx.dtype == torch.bool:
        raise TypeError(f"{op}: `indices` must be integers; received dtype {b.name(idx)}.")
    idx = b.widen_order(idx).to(torch.int64)
    if idx.numel() and bool(((idx < -n) | (idx >= n)).any()):
        raise IndexError(f"{op}: an index is out of bounds for an axis of size {n}.")
    return torch.where(idx < 0, idx + n, idx)


def take(x, indices, axis=None):
    t = b.tensor(x, "take")
    if axis is None:
        t, ax = t.reshape(-1), 0
    else:
        ax = b.axis("take", axis, t)
    idx = _wrap_indices("take", b.tensor(indices, "take", "indices"), t.shape[ax])
    out = b.on_wide(torch.index_select, t, ax, idx.reshape(-1))
    return out.reshape(t.shape[:ax] + idx.shape + t.shape[ax + 1 :])


def take_along_axis(x, indices, axis=None):
    t = b.tensor(x, "take_along_axis")
    idx = b.tensor(indices, "take_along_axis", "indices")
    if axis is None:
        if idx.ndim != 1:
            raise ValueError("take_along_axis: with axis=None, `indices` must be 1-D.")
        t, ax = t.reshape(-1), 0
    else:
        ax = b.axis("take_along_axis", axis, t)
    if idx.ndim != t.ndim:
        raise ValueError(
            "take_along_axis: `x` and `indices` must have the same rank; received shapes "
            f"{tuple(t.shape)} and {tuple(idx.shape)}."
        )
    idx = _wrap_indices("take_along_axis", idx, t.shape[ax])
    t_shape, i_shape = list(t.shape), list(idx.shape)
    t_shape[ax], i_shape[ax] = 1, 1
    try:
        common = list(torch.broadcast_shapes(tuple(t_shape), tuple(i_shape)))
    except RuntimeError:
        raise b.broadcast_error("take_along_axis", t, idx) from None
    t = t.expand(common[:ax] + [t.shape[ax]] + common[ax + 1 :])
    idx = idx.expand(common[:ax] + [idx.shape[ax]] + common[ax + 1 :])
    return b.on_wide(torch.gather, t, ax, idx)


# ---------------------------------------------------------------- searching
def nonzero(x):
    t = b.widen_arith(b.tensor(x, "nonzero"))
    if t.ndim == 0:
        raise ValueError("nonzero: not defined for 0-d tensors; use nonzero(atleast_1d(x)).")
    return tuple(i.to(b.INDEX_T) for i in torch.nonzero(t, as_tuple=True))


def unravel_index(indices, shape):
    idx = b.tensor(indices, "unravel_index", "indices")
    if idx.dtype not in b.INTS:
        raise TypeError(f"unravel_index: `indices` must be integers; received {b.name(idx)}.")
    dims = b.shape_tuple("unravel_index", shape)
    total = int(np.prod(dims))
    idx = b.widen_order(idx).to(torch.int64)
    if idx.numel() and bool(((idx < 0) | (idx >= total)).any()):
        raise ValueError(f"unravel_index: an index is out of bounds for shape {dims}.")
    out = []
    for d in reversed(dims):
        out.append(torch.remainder(idx, d).to(b.INDEX_T))
        idx = torch.div(idx, d, rounding_mode="floor")
    return tuple(reversed(out))


def _search_pair(op, a, v):
    dtype = b.rule_dtype(op, rules.binary_dtype, a, v)
    s = b.as_dtype(a, dtype, op, "sorted_sequence")
    t = b.as_dtype(v, dtype, op, "values")
    b.require_real(op, s)
    if s.dtype == torch.bool:
        s, t = s.to(torch.uint8), t.to(torch.uint8)
    return b.widen_order(s), b.widen_order(t)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'; received {side!r}.")
    s, t = _search_pair("searchsorted", sorted_sequence, values)
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
    s, t = _search_pair("digitize", bins, x)
    if s.ndim != 1:
        raise ValueError(f"digitize: `bins` must be 1-D; received shape {tuple(s.shape)}.")
    if s.shape[0] > 1 and bool(s[-1] < s[0]):
        out = s.shape[0] - torch.searchsorted(s.flip(0).contiguous(), t.contiguous(), right=True)
    else:
        out = _search(s, t, True)
    return out.to(b.INDEX_T)


def isin(x1, x2, assume_unique=False, invert=False):
    a, c = _search_pair("isin", x1, x2)
    return torch.isin(a, c.reshape(-1), invert=bool(invert))


# ---------------------------------------------------------------- sorting
def _sortable(op, x, axis):
    t = b.tensor(x, op)
    if t.dtype in b.COMPLEX:
        raise TypeError(f"{op}: complex numbers are not ordered; received dtype {b.name(t)}.")
    if axis is None:
        return t.reshape(-1), 0
    return t, b.axis(op, axis, t)


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
        flat, ax = t, b.axis("unique", axis, t)
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


# ---------------------------------------------------------------- selection
def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length; received "
            f"{len(condlist)} and {len(choicelist)}."
        )
    if not condlist:
        raise ValueError("select: `condlist` must not be empty.")
    dtype = b.rule_dtype("select", rules.binary_dtype, *choicelist, default)
    conds = [b.tensor(c, "select", "condlist") for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != torch.bool:
            raise TypeError(f"select: condlist[{i}] must be boolean; received dtype {b.name(c)}.")
    choices = [b.widen_arith(b.as_dtype(c, dtype, "select", "choicelist")) for c in choicelist]
    out = b.widen_arith(b.as_dtype(default, dtype, "select", "default"))
    nat = b.native(dtype)
    try:
        for c, v in zip(reversed(conds), reversed(choices)):
            out = torch.where(c, v, out)
    except RuntimeError as e:
        b.reraise("select", e, *conds, *choices)
    shape = torch.broadcast_shapes(*[c.shape for c in conds], *[v.shape for v in choices])
    return b.narrow_arith(torch.broadcast_to(out, shape), nat)


def diff(a, n=1, axis=-1):
    t = b.tensor(a, "diff", "a")
    if t.ndim == 0:
        raise ValueError("diff: `a` must be at least 1-D; received a 0-d tensor.")
    if int(n) < 0:
        raise ValueError(f"diff: the order `n` must be non-negative; received {n}.")
    ax = b.axis("diff", axis, t)
    if int(n) == 0:
        return t.clone()
    return b.on_wide(torch.diff, t, n=int(n), dim=ax)
