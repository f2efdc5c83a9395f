"""The numpy backend's NumPy indexing ops (get_item, take, take_along_axis, unravel_index, trace, diff).

The ops declared in ``keras_core/ops/numpy/indexing.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np

from keras_core.backend.numpy.op_helpers import (
    HALF,
    arr,
    as_int,
    canonical_axis,
    cast,
    half_to_float,
    index,
    name_of,
    native,
    require_kind,
    shape_arg,
    sum_type,
    tensor,
)

UNSUPPORTED = {}


def diff(a, n=1, axis=-1):
    a = tensor(a, "diff", "a")
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: `n` must be >= 0. Received: n={n}")
    if a.ndim == 0:
        raise ValueError("diff: the input must be at least 1-D. Received a 0-d tensor.")
    axis = canonical_axis("diff", axis, a.ndim)
    d = name_of(a.dtype)
    return cast(np.diff(half_to_float(a), n=n, axis=axis), d)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "trace")
    if x.ndim < 2:
        raise ValueError(f"trace: the input must be at least 2-D. Received: x.shape={x.shape}")
    a1 = canonical_axis("trace", axis1, x.ndim, "axis1")
    a2 = canonical_axis("trace", axis2, x.ndim, "axis2")
    if a1 == a2:
        raise ValueError(f"trace: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = as_int("trace", offset, "offset")
    d = sum_type("trace", x)
    src = half_to_float(x) if d in HALF else x
    acc = np.float32 if d in HALF else native(d)
    return cast(np.trace(src, offset=offset, axis1=a1, axis2=a2, dtype=acc), d)


def _key(key):
    if isinstance(key, tuple):
        return tuple(_key_part(k) for k in key)
    return _key_part(key)


def _key_part(k):
    if isinstance(k, np.ndarray) or isinstance(k, list):
        return np.asarray(k)
    if hasattr(k, "value") and not isinstance(k, (slice, int)):
        return np.asarray(k.value)
    return k


def get_item(x, key):
    x = tensor(x, "get_item")
    try:
        return arr(x[_key(key)])
    except IndexError as e:
        raise IndexError(f"get_item: {e} (x.shape={x.shape}, key={key!r:.80})") from e


def take(x, indices, axis=None):
    x = tensor(x, "take")
    idx = tensor(indices, "take", "indices")
    require_kind("take", idx, "iub", "an integer tensor", "indices")
    if axis is not None:
        axis = canonical_axis("take", axis, x.ndim)
    try:
        return arr(np.take(x, idx.astype(np.int64), axis=axis))
    except IndexError as e:
        raise IndexError(f"take: {e} (x.shape={x.shape})") from e


def take_along_axis(x, indices, axis=None):
    x = tensor(x, "take_along_axis")
    idx = tensor(indices, "take_along_axis", "indices")
    require_kind("take_along_axis", idx, "iu", "an integer tensor", "indices")
    if axis is None:
        if idx.ndim != 1:
            raise ValueError(
                "take_along_axis: with axis=None, `indices` must be 1-D. "
                f"Received: indices.shape={idx.shape}"
            )
        return np.take_along_axis(x.reshape(-1), idx.astype(np.int64), axis=0)
    axis = canonical_axis("take_along_axis", axis, x.ndim)
    if idx.ndim != x.ndim:
        raise ValueError(
            "take_along_axis: `x` and `indices` must have the same rank. "
            f"Received: x.shape={x.shape}, indices.shape={idx.shape}"
        )
    shape = [
        builtins.max(a, b) if i != axis else b for i, (a, b) in enumerate(zip(x.shape, idx.shape))
    ]
    xs = list(shape)
    xs[axis] = x.shape[axis]
    try:
        xb = np.broadcast_to(x, xs)
        ib = np.broadcast_to(idx, shape).astype(np.int64)
    except ValueError as e:
        raise ValueError(
            f"take_along_axis: shapes {x.shape} and {idx.shape} cannot be broadcast together "
            f"outside axis {axis}."
        ) from e
    return np.take_along_axis(xb, ib, axis=axis)


def unravel_index(indices, shape):
    idx = tensor(indices, "unravel_index", "indices")
    require_kind("unravel_index", idx, "iu", "an integer tensor", "indices")
    shape = shape_arg("unravel_index", shape)
    try:
        return tuple(index(i) for i in np.unravel_index(idx, shape))
    except ValueError as e:
        raise ValueError(f"unravel_index: {e} (shape={shape})") from e
