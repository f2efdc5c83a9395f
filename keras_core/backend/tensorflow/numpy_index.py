# Indexing, gathering, padding and diagonal numpy ops of the tensorflow backend.
import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.tensorflow.numpy_base import (
    axis_one,
    cast,
    dim,
    flatten,
    name,
    python_int,
    rank,
    shape_str,
    tensor,
)

# ------------------------------------------------------------------ get_item

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
    t = tensor(k)
    if t.dtype == tf.bool:
        return ("bool0", t) if t.shape.rank == 0 else ("mask", t)
    if not t.dtype.is_integer:
        raise TypeError(
            "get_item: only integers, slices, None, Ellipsis and integer or boolean tensors are "
            f"valid indices. Received an index of dtype {name(t)}"
        )
    if t.shape.rank == 0:
        return ("int_t", t)
    return ("array", t)


def _consumed(kind, value):
    if kind in (_NEW, "ellipsis", "bool0"):
        return 0
    if kind == "mask":
        return rank("get_item", value)
    return 1


def _expand(x, key):
    items = [_classify(k) for k in key]
    n_ellipsis = builtins.sum(kind == "ellipsis" for kind, _ in items)
    if n_ellipsis > 1:
        raise IndexError("get_item: an index can only have a single ellipsis ('...')")
    used = builtins.sum(_consumed(kind, v) for kind, v in items)
    r = rank("get_item", x)
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
    x = tensor(x)
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
            keep = tf.cast(tensor(v, "bool"), tf.int32)
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
            entries.append((_ADV, tf.cast(tensor(v), tf.int32)))
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


# --------------------------------------------------------------- gathering


def _int_indices(op, indices):
    idx = tensor(indices)
    if not idx.dtype.is_integer:
        raise TypeError(f"{op}: `indices` must be integers. Received: dtype={name(idx)}")
    return cast(idx, tf.int32) if idx.dtype != tf.int64 else idx


def _wrap(op, idx, n, axis):
    n = tf.cast(n, idx.dtype)
    idx = tf.where(idx < 0, idx + n, idx)
    if tf.executing_eagerly() and bool(tf.reduce_any((idx < 0) | (idx >= n))):
        raise IndexError(f"{op}: an index is out of bounds for axis {axis} with size {int(n)}")
    return idx


def take(x, indices, axis=None):
    x = tensor(x)
    idx = _int_indices("take", indices)
    if axis is None:
        x, axis = flatten(x), 0
    axis = axis_one("take", x, axis)
    idx = _wrap("take", idx, tf.shape(x)[axis], axis)
    return tf.gather(x, idx, axis=axis)


def take_along_axis(x, indices, axis=None):
    x = tensor(x)
    idx = _int_indices("take_along_axis", indices)
    if axis is None:
        if idx.shape.rank != 1:
            raise ValueError(
                "take_along_axis: with axis=None, `indices` must be 1-D. "
                f"Received: indices.shape={shape_str(idx)}"
            )
        x, axis = flatten(x), 0
    axis = axis_one("take_along_axis", x, axis)
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


# ------------------------------------------------------------------- pad

_PAD_MODES = (
    "constant",
    "edge",
    "linear_ramp",
    "maximum",
    "mean",
    "median",
    "minimum",
    "reflect",
    "symmetric",
    "wrap",
    "empty",
)


def _pad_width(x, pad_width):
    r = x.shape.rank
    if tf.is_tensor(pad_width):
        pad_width = tf.get_static_value(pad_width)
        if pad_width is None:
            raise ValueError("pad: `pad_width` must be known statically.")
    pw = np.asarray(pad_width)
    if pw.dtype.kind not in "iu":
        raise TypeError(f"pad: `pad_width` must be integers. Received: pad_width={pad_width}")
    try:
        pw = np.broadcast_to(pw, (r, 2))
    except ValueError:
        raise ValueError(
            f"pad: `pad_width` of shape {pw.shape} does not fit a tensor of rank {r}. "
            f"Received: pad_width={pad_width!r}"
        ) from None
    if np.any(pw < 0):
        raise ValueError(f"pad: `pad_width` must be non-negative. Received: {pad_width!r}")
    return pw.astype(int).tolist()


def pad(x, pad_width, mode="constant", constant_values=None):
    x = tensor(x)
    if mode not in _PAD_MODES:
        raise ValueError(f"pad: `mode` must be one of {_PAD_MODES}. Received: mode={mode!r}")
    pw = _pad_width(x, pad_width)
    if constant_values is not None and mode != "constant":
        raise ValueError(
            f"pad: `constant_values` is only used with mode='constant'. Received: mode={mode!r}"
        )
    if mode in ("constant", "empty"):
        return _pad_constant(x, pw, 0 if constant_values is None else constant_values)
    for axis, (before, after) in enumerate(pw):
        if before == 0 and after == 0:
            continue
        n = x.shape[axis]
        if n == 0:
            raise ValueError(
                f"pad: cannot extend the empty axis {axis} with mode={mode!r}. "
                f"Received: shape={shape_str(x)}"
            )
        if mode in ("maximum", "minimum", "mean", "median", "linear_ramp"):
            x = _pad_stat(x, axis, before, after, mode)
        else:
            x = tf.gather(x, _pad_indices(dim(x, axis), before, after, mode), axis=axis)
    return x


def _pad_constant(x, pw, values):
    cv = np.asarray(values) if not tf.is_tensor(values) else values
    if tf.is_tensor(cv) or cv.ndim == 0:
        v = cast(tensor(values), x.dtype)
        if x.dtype.is_integer and not tensor(values).dtype.is_integer:
            v = cast(tf.cast(tensor(values), tf.float64), x.dtype)
        return tf.pad(x, pw, constant_values=v)
    cv = np.broadcast_to(cv, (x.shape.rank, 2))
    for axis, (before, after) in enumerate(pw):
        for side, width in ((0, before), (1, after)):
            if width:
                paddings = [[0, 0]] * x.shape.rank
                paddings[axis] = [width, 0] if side == 0 else [0, width]
                v = tf.cast(tf.constant(cv[axis][side]), x.dtype)
                x = tf.pad(x, paddings, constant_values=v)
    return x


def _pad_indices(n, before, after, mode):
    i = tf.range(-before, n + after)
    if mode == "edge":
        return tf.clip_by_value(i, 0, n - 1)
    if mode == "wrap":
        return tf.math.floormod(i, n)
    if mode == "reflect":
        period = tf.maximum(2 * n - 2, 1)
        j = tf.math.floormod(i, period)
        return tf.where(j < n, j, period - j)
    j = tf.math.floormod(i, 2 * n)
    return tf.where(j < n, j, 2 * n - 1 - j)


def _pad_stat(x, axis, before, after, mode):
    from keras_core.backend.tensorflow.numpy_reduce import median

    head = (slice(None),) * axis
    if mode == "linear_ramp":
        return _pad_ramp(x, axis, before, after, head)
    if mode == "maximum":
        v = tf.reduce_max(x, axis, keepdims=True)
    elif mode == "minimum":
        v = tf.reduce_min(x, axis, keepdims=True)
    else:
        w = tf.cast(x, tf.float64)
        v = tf.reduce_mean(w, axis, keepdims=True) if mode == "mean" else median(w, axis, True)
        if not x.dtype.is_floating:
            v = tf.round(v)
        v = tf.cast(v, x.dtype)
    parts = [tf.repeat(v, before, axis=axis), x, tf.repeat(v, after, axis=axis)]
    return tf.concat(parts, axis)


def _pad_ramp(x, axis, before, after, head):
    shape = [1] * x.shape.rank
    shape[axis] = -1
    w = tf.cast(x, tf.float64)
    first, last = w[head + (slice(0, 1),)], w[head + (slice(-1, None),)]
    left = first * tf.reshape(tf.range(before, dtype=tf.float64) / max(before, 1), shape)
    right = last * tf.reshape(
        (after - 1 - tf.range(after, dtype=tf.float64)) / max(after, 1), shape
    )
    left, right = (_ramp_cast(t, x.dtype) for t in (left, right))
    return tf.concat([left, x, right], axis)


def _ramp_cast(t, dtype):
    if dtype.is_integer:
        t = tf.floor(t)
    return tf.cast(t, dtype)


# --------------------------------------------------------------- diagonals


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x)
    if rank("diagonal", x) < 2:
        raise ValueError(f"diagonal needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    a = axis_one("diagonal", x, axis1, "axis1")
    b = axis_one("diagonal", x, axis2, "axis2")
    if a == b:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    offset = python_int(offset, "diagonal", "offset")
    r = x.shape.rank
    perm = [i for i in range(r) if i not in (a, b)] + [a, b]
    y = tf.transpose(x, perm)
    n, m = dim(y, -2), dim(y, -1)
    rows = tf.range(tf.maximum(tf.minimum(n, m - offset) if offset >= 0 else 0, 0))
    if offset < 0:
        rows = tf.range(tf.maximum(tf.minimum(n + offset, m), 0)) - offset
    cols = rows + offset
    idx = tf.stack([rows, cols], -1)
    lead = r - 2
    yt = tf.transpose(y, [lead, lead + 1] + list(range(lead)))
    out = tf.gather_nd(yt, idx)
    return tf.transpose(out, list(range(1, lead + 1)) + [0])


def diag(x, k=0):
    x = tensor(x)
    k = python_int(k, "diag", "k")
    r = rank("diag", x)
    if r == 1:
        n = dim(x, 0) + builtins.abs(k)
        return tf.linalg.diag(x, k=k, num_rows=n, num_cols=n)
    if r == 2:
        return diagonal(x, offset=k)
    raise ValueError(f"diag: `x` must be 1-D or 2-D. Received: shape={shape_str(x)}")


def diagflat(x, k=0):
    return diag(flatten(tensor(x)), k=k)


def _tri_mask(x, k, lower):
    n, m = dim(x, -2), dim(x, -1)
    rows = tf.range(n)[:, None]
    cols = tf.range(m)[None, :]
    return tf.greater_equal(rows + k, cols) if lower else tf.less_equal(rows + k, cols)


def _tri_select(op, x, k, lower):
    x = tensor(x)
    k = python_int(k, op, "k")
    if rank(op, x) == 0:
        raise ValueError(f"{op} needs a tensor of rank >= 1. Received: shape={shape_str(x)}")
    if x.shape.rank == 1:
        x = tf.broadcast_to(x[None], tf.stack([tf.shape(x)[0], tf.shape(x)[0]]))
    mask = _tri_mask(x, k, lower)
    return tf.where(mask, x, tf.zeros_like(x))


def tril(x, k=0):
    return _tri_select("tril", x, k, True)


def triu(x, k=0):
    return _tri_select("triu", x, k, False)
