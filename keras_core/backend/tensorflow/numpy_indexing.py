"""The tensorflow backend's NumPy indexing ops (get_item, take, take_along_axis, unravel_index, trace, diff).

Every public function here is an op declared in keras_core/ops/numpy/indexing.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.numpy_creation import diagonal
from keras_core.backend.tensorflow.op_helpers import (
    as_int,
    canonical_axis,
    cast,
    dtype_name,
    flatten,
    result_type,
    shape_arg,
    shape_str,
    static_rank,
    sum_type,
)


def diff(a, n=1, axis=-1):
    x = cast(a, result_type("diff", a))
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: order `n` must be non-negative. Received: n={n}")
    axis = canonical_axis("diff", axis, static_rank("diff", x))
    head = (slice(None),) * axis
    for _ in range(n):
        hi, lo = x[head + (slice(1, None),)], x[head + (slice(None, -1),)]
        x = tf.math.logical_xor(hi, lo) if x.dtype == tf.bool else hi - lo
    return x


def unravel_index(indices, shape):
    idx = convert_to_tensor(indices)
    if not idx.dtype.is_integer:
        raise TypeError(f"unravel_index: `indices` must be integers. Received: {dtype_name(idx)}")
    shape = shape_arg("unravel_index", shape)
    idx = tf.cast(idx, tf.int64)
    out = []
    for d in reversed(shape):
        out.append(tf.cast(tf.math.floormod(idx, max(d, 1)), tf.int32))
        idx = tf.math.floordiv(idx, max(d, 1))
    return tuple(reversed(out))


_NEW = "new"  # a None entry

_SLICE = "slice"

_ADV = "adv"  # an advanced (integer array) index on an existing axis

_NEW_ADV = "new_adv"  # a 0-d boolean: a new axis indexed by an advanced index


def _classify(k):
    if k is None:
        return (_NEW, None)
    if k is Ellipsis:
        return ("ellipsis", None)
    if isinstance(k, slice):
        return (_SLICE, k)
    if isinstance(k, (bool, np.bool_)):
        return ("bool0", bool(k))
    if isinstance(k, (int, np.integer)):
        return ("int", int(k))
    if isinstance(k, (list, tuple)) and len(k) == 0:
        return ("array", tf.zeros([0], tf.int32))
    t = convert_to_tensor(k)
    if t.dtype == tf.bool:
        return ("bool0", t) if t.shape.rank == 0 else ("mask", t)
    if not t.dtype.is_integer:
        raise TypeError(
            "get_item: only integers, slices, None, Ellipsis and integer or boolean tensors are "
            f"valid indices. Received an index of dtype {dtype_name(t)}"
        )
    if t.shape.rank == 0:
        return ("int_t", t)
    return ("array", t)


def _consumed(kind, value):
    if kind in (_NEW, "ellipsis", "bool0"):
        return 0
    if kind == "mask":
        return static_rank("get_item", value)
    return 1


def _expand(x, key):
    items = [_classify(k) for k in key]
    n_ellipsis = builtins.sum(kind == "ellipsis" for kind, _ in items)
    if n_ellipsis > 1:
        raise IndexError("get_item: an index can only have a single ellipsis ('...')")
    used = builtins.sum(_consumed(kind, v) for kind, v in items)
    r = static_rank("get_item", x)
    if used > r:
        raise IndexError(
            f"get_item: too many indices for a tensor of rank {r}: {used} were indexed. "
            f"Received: shape={shape_str(x)}"
        )
    out = []
    for kind, v in items:
        if kind == "ellipsis":
            out.extend([(_SLICE, slice(None))] * (r - used))
        else:
            out.append((kind, v))
    if not n_ellipsis:
        out.extend([(_SLICE, slice(None))] * (r - used))
    return out


def _check_int(x, axis, k):
    n = x.shape[axis]
    if n is not None and not -n <= k < n:
        raise IndexError(
            f"get_item: index {k} is out of bounds for axis {axis} with size {n}. "
            f"Received: shape={shape_str(x)}"
        )


def _basic(x, items):
    key, axis = [], 0
    for kind, v in items:
        if kind == _NEW:
            key.append(None)
            continue
        if kind == "int":
            _check_int(x, axis, v)
        key.append(v)
        axis += 1
    return x[tuple(key)] if key else x


def get_item(x, key):
    x = convert_to_tensor(x)
    if not isinstance(key, tuple):
        key = (key,)
    items = _expand(x, key)
    if not builtins.any(kind in ("array", "mask", "bool0") for kind, _ in items):
        return _basic(x, items)
    return _advanced(x, items)


def _advanced(x, items):
    entries, basic_key, axis = [], [], 0
    for kind, v in items:
        if kind == _NEW:
            entries.append((_NEW, None))
            basic_key.append(None)
        elif kind == _SLICE:
            entries.append((_SLICE, None))
            basic_key.append(v)
            axis += 1
        elif kind == "bool0":
            keep = tf.cast(cast(v, "bool"), tf.int32)
            entries.append((_NEW_ADV, tf.zeros(tf.reshape(keep, [1]), tf.int32)))
            basic_key.append(None)
        elif kind == "mask":
            m = v
            mr = m.shape.rank
            for j in range(mr):
                if m.shape[j] is not None and x.shape[axis + j] is not None:
                    if m.shape[j] != x.shape[axis + j]:
                        raise IndexError(
                            f"get_item: boolean index of shape {shape_str(m)} does not match "
                            f"the indexed tensor of shape {shape_str(x)} at axis {axis + j}"
                        )
            nz = tf.cast(tf.where(m), tf.int32)
            for j in range(mr):
                entries.append((_ADV, nz[:, j]))
                basic_key.append(slice(None))
            axis += mr
        else:
            if kind == "int":
                _check_int(x, axis, v)
            entries.append((_ADV, tf.cast(convert_to_tensor(v), tf.int32)))
            basic_key.append(slice(None))
            axis += 1
    y = x[tuple(basic_key)] if basic_key else x
    return _gather_advanced(y, entries)


def _gather_advanced(y, entries):
    pos = [i for i, (kind, _) in enumerate(entries) if kind in (_ADV, _NEW_ADV)]
    idx = []
    for p in pos:
        t = entries[p][1]
        n = tf.shape(y, out_type=tf.int32)[p]
        t = tf.where(t < 0, t + n, t)
        if tf.executing_eagerly() and bool(tf.reduce_any((t < 0) | (t >= n))):
            raise IndexError(f"get_item: an index is out of bounds for axis {p} with size {int(n)}")
        idx.append(t)
    shape = tf.TensorShape([])
    for t in idx:
        try:
            shape = tf.broadcast_static_shape(shape, t.shape)
        except ValueError:
            raise IndexError(
                "get_item: shape mismatch: indexing arrays could not be broadcast together "
                f"with shapes {[shape_str(t) for t in idx]}"
            ) from None
    if len(pos) == 1:
        return tf.gather(y, idx[0], axis=pos[0])
    bshape = tf.shape(idx[0])
    for t in idx[1:]:
        bshape = tf.broadcast_dynamic_shape(bshape, tf.shape(t))
    rest = [i for i in range(len(entries)) if i not in pos]
    yt = tf.transpose(y, pos + rest) if pos + rest != list(range(len(entries))) else y
    ydims = tf.shape(yt, out_type=tf.int64)
    linear = tf.zeros(bshape, tf.int64)
    for i, t in enumerate(idx):
        linear = linear * ydims[i] + tf.broadcast_to(tf.cast(t, tf.int64), bshape)
    flat = tf.reshape(yt, tf.concat([[-1], ydims[len(pos) :]], 0))
    out = tf.gather(flat, linear, axis=0)
    nb = shape.rank if shape.rank is not None else 0
    contiguous = pos == list(range(pos[0], pos[0] + len(pos)))
    if contiguous and pos[0] > 0:
        k = pos[0]
        perm = list(range(nb, nb + k)) + list(range(nb)) + list(range(nb + k, nb + len(rest)))
        out = tf.transpose(out, perm)
    return out


def _int_indices(op, indices):
    idx = convert_to_tensor(indices)
    if not idx.dtype.is_integer:
        raise TypeError(f"{op}: `indices` must be integers. Received: dtype={dtype_name(idx)}")
    return cast(idx, tf.int32) if idx.dtype != tf.int64 else idx


def _wrap(op, idx, n, axis):
    n = tf.cast(n, idx.dtype)
    idx = tf.where(idx < 0, idx + n, idx)
    if tf.executing_eagerly() and bool(tf.reduce_any((idx < 0) | (idx >= n))):
        raise IndexError(f"{op}: an index is out of bounds for axis {axis} with size {int(n)}")
    return idx


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    idx = _int_indices("take", indices)
    if axis is None:
        x, axis = flatten(x), 0
    axis = canonical_axis("take", axis, static_rank("take", x))
    idx = _wrap("take", idx, tf.shape(x)[axis], axis)
    return tf.gather(x, idx, axis=axis)


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    idx = _int_indices("take_along_axis", indices)
    if axis is None:
        if idx.shape.rank != 1:
            raise ValueError(
                "take_along_axis: with axis=None, `indices` must be 1-D. "
                f"Received: indices.shape={shape_str(idx)}"
            )
        x, axis = flatten(x), 0
    axis = canonical_axis("take_along_axis", axis, static_rank("take_along_axis", x))
    r = x.shape.rank
    if idx.shape.rank != r:
        raise ValueError(
            "take_along_axis: `x` and `indices` must have the same rank. "
            f"Received: x.shape={shape_str(x)}, indices.shape={shape_str(idx)}"
        )
    idx = _wrap("take_along_axis", idx, tf.shape(x)[axis], axis)
    perm = [i for i in range(r) if i != axis] + [axis]
    xt, it = tf.transpose(x, perm), tf.transpose(idx, perm)
    lead = tf.broadcast_dynamic_shape(tf.shape(xt)[:-1], tf.shape(it)[:-1])
    xt = tf.broadcast_to(xt, tf.concat([lead, tf.shape(xt)[-1:]], 0))
    it = tf.broadcast_to(it, tf.concat([lead, tf.shape(it)[-1:]], 0))
    out = tf.gather(xt, it, batch_dims=r - 1, axis=r - 1)
    return tf.transpose(out, np.argsort(perm).tolist())


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    d = diagonal(x, offset=offset, axis1=axis1, axis2=axis2)
    d = cast(d, sum_type("trace", d))
    return tf.reduce_sum(d, -1)
