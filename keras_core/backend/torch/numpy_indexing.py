"""The torch backend's NumPy indexing ops (get_item, take, take_along_axis, unravel_index, trace, diff).

The ops declared in ``keras_core/ops/numpy/indexing.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np
import torch

from keras_core.backend.torch import numpy_creation
from keras_core.backend.torch import op_helpers as b
from keras_core.backend.torch.core import Variable

UNSUPPORTED = {}


_INDEX_OK = (torch.int32, torch.int64, torch.bool)


# ---------------------------------------------------------------- get_item
def _key_entry(k):
    if isinstance(k, Variable):
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
        ax = b.canonical_axis("take", axis, t.ndim)
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
        ax = b.canonical_axis("take_along_axis", axis, t.ndim)
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


def diff(a, n=1, axis=-1):
    t = b.tensor(a, "diff", "a")
    if t.ndim == 0:
        raise ValueError("diff: `a` must be at least 1-D; received a 0-d tensor.")
    if int(n) < 0:
        raise ValueError(f"diff: the order `n` must be non-negative; received {n}.")
    ax = b.canonical_axis("diff", axis, t.ndim)
    if int(n) == 0:
        return t.clone()
    return b.on_wide(torch.diff, t, n=int(n), dim=ax)


def trace(x, offset=0, axis1=0, axis2=1):
    d = numpy_creation.diagonal(x, offset=offset, axis1=axis1, axis2=axis2)
    d = b.cast(d, b.sum_type("trace", d))
    return b.narrow_arith(
        torch.sum(b.widen_arith(d), dim=-1, dtype=b.widen_arith(d).dtype), d.dtype
    )
