"""The tensorflow backend's NumPy shape ops (reshape, transpose, concatenate, split, pad, ...).

Every public function here is an op declared in keras_core/ops/numpy/shape.py;
``numpy.py`` gathers them. Shared helpers live in ``op_helpers.py``.
"""

import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtypes as dt
from keras_core.backend.tensorflow.core import convert_to_tensor
from keras_core.backend.tensorflow.numpy_reduction import median
from keras_core.backend.tensorflow.op_helpers import (
    as_int,
    canonical_axes,
    canonical_axis,
    cast,
    dim,
    dims,
    dtype_name,
    flatten,
    result_type,
    shape_arg,
    shape_str,
    static_rank,
    widened,
)

_NO_TILE = frozenset(("uint16",))  # the CPU Tile kernel lacks uint16


def copy(x):
    return tf.identity(convert_to_tensor(x))


def ndim(x):
    return static_rank("ndim", convert_to_tensor(x))


def size(x):
    x = convert_to_tensor(x)
    if x.shape.rank is not None and x.shape.is_fully_defined():
        return int(np.prod(x.shape.as_list(), dtype=np.int64))
    return tf.size(x, out_type=tf.int32)


def reshape(x, new_shape):
    x = convert_to_tensor(x)
    shape = _new_shape(new_shape)
    if isinstance(shape, list):
        if builtins.sum(d == -1 for d in shape) > 1:
            raise ValueError(f"reshape: can only specify one unknown dimension. Received {shape}")
        if builtins.any(d < -1 for d in shape):
            raise ValueError(f"reshape: invalid dimension in new_shape={new_shape!r}")
        n = x.shape.num_elements() if x.shape.rank is not None else None
        known = int(np.prod([d for d in shape if d != -1], dtype=np.int64))
        bad = n is not None and (
            (known != n) if -1 not in shape else (known == 0 and n != 0) or (known and n % known)
        )
        if bad:
            raise ValueError(
                f"reshape: cannot reshape a tensor of shape {shape_str(x)} ({n} elements) "
                f"into shape {tuple(shape)}"
            )
    return tf.reshape(x, shape)


def _new_shape(shape):
    if tf.is_tensor(shape):
        static = tf.get_static_value(shape)
        if static is None:
            return shape
        shape = static.tolist()
    if isinstance(shape, (int, np.integer)):
        return [int(shape)]
    out = []
    for d in shape:
        if d is None:
            out.append(-1)
        elif tf.is_tensor(d) and tf.get_static_value(d) is None:
            return tf.stack(
                [cast(convert_to_tensor(e), tf.int32) if e is not None else -1 for e in shape]
            )
        else:
            out.append(as_int("reshape", d, "new_shape"))
    return out


def ravel(x):
    return flatten(convert_to_tensor(x))


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    r = static_rank("transpose", x)
    if axes is None:
        return tf.transpose(x)
    perm = [canonical_axis("transpose", a, static_rank("transpose", x), "axes") for a in axes]
    if sorted(perm) != list(range(r)):
        raise ValueError(
            f"transpose: `axes` must be a permutation of range({r}). Received: axes={axes}"
        )
    return tf.transpose(x, perm)


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    items = axis if isinstance(axis, (list, tuple)) else (axis,)
    out_rank = static_rank("expand_dims", x) + len(items)
    pos = sorted(canonical_axis("expand_dims", a, out_rank) for a in items)
    if len(set(pos)) != len(pos):
        raise ValueError(f"expand_dims: repeated axis. Received: axis={axis}")
    shape = dims(x)
    for p in pos:
        shape.insert(p, 1)
    if not builtins.any(tf.is_tensor(d) for d in shape):
        return tf.reshape(x, shape)
    for p in pos:
        x = tf.expand_dims(x, p)
    return x


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return tf.squeeze(x)
    ax = canonical_axes("squeeze", axis, static_rank("squeeze", x))
    for a in ax:
        if x.shape[a] is not None and x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot select an axis to squeeze out which has size not equal to "
                f"one. Received: axis={axis}, shape={shape_str(x)}"
            )
    return tf.squeeze(x, list(ax))


def moveaxis(x, source, destination):
    x = convert_to_tensor(x)
    r = static_rank("moveaxis", x)
    src = canonical_axes("moveaxis", source, r, "source")
    dst = canonical_axes("moveaxis", destination, r, "destination")
    if len(src) != len(dst):
        raise ValueError(
            "moveaxis: `source` and `destination` must have the same number of elements. "
            f"Received: source={source}, destination={destination}"
        )
    order = [i for i in range(r) if i not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return tf.transpose(x, order) if order != list(range(r)) else x


def swapaxes(x, axis1, axis2):
    x = convert_to_tensor(x)
    a = canonical_axis("swapaxes", axis1, static_rank("swapaxes", x), "axis1")
    b = canonical_axis("swapaxes", axis2, static_rank("swapaxes", x), "axis2")
    perm = list(range(x.shape.rank))
    perm[a], perm[b] = perm[b], perm[a]
    return tf.transpose(x, perm)


def broadcast_to(x, shape):
    x = convert_to_tensor(x)
    target = shape_arg("broadcast_to", shape)
    if isinstance(target, list) and x.shape.is_fully_defined():
        try:
            out = tf.broadcast_static_shape(x.shape, tf.TensorShape(target))
            ok = out.as_list() == target and x.shape.rank <= len(target)
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(
                f"broadcast_to: cannot broadcast a tensor of shape {shape_str(x)} to shape "
                f"{tuple(target)}"
            )
    return tf.broadcast_to(x, target)


def _tensors_like(op, xs):
    if not isinstance(xs, (list, tuple)) and not tf.is_tensor(xs):
        raise TypeError(f"{op}: expected a list of tensors. Received: {type(xs).__name__}")
    xs = list(xs) if isinstance(xs, (list, tuple)) else tf.unstack(xs)
    if not xs:
        raise ValueError(f"{op}: need at least one tensor. Received an empty list")
    dtype = result_type(op, *xs)
    return [cast(x, dtype) for x in xs]


def _check_same(op, xs, skip=None):
    r = xs[0].shape.rank
    for x in xs[1:]:
        if x.shape.rank != r:
            raise ValueError(
                f"{op}: all inputs must have the same rank. Received shapes "
                f"{[shape_str(t) for t in xs]}"
            )
    for i in range(r or 0):
        if i == skip:
            continue
        known = {x.shape[i] for x in xs if x.shape[i] is not None}
        if len(known) > 1:
            raise ValueError(
                f"{op}: input shapes must match except along the axis "
                f"{'' if skip is None else skip}. Received shapes {[shape_str(t) for t in xs]}"
            )


def concatenate(xs, axis=0):
    xs = _tensors_like("concatenate", xs)
    if axis is None:
        return tf.concat([flatten(x) for x in xs], 0)
    if xs[0].shape.rank == 0:
        raise ValueError("concatenate: zero-dimensional tensors cannot be concatenated.")
    axis = canonical_axis("concatenate", axis, static_rank("concatenate", xs[0]))
    _check_same("concatenate", xs, skip=axis)
    return tf.concat(xs, axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def stack(x, axis=0):
    xs = _tensors_like("stack", x)
    _check_same("stack", xs)
    axis = canonical_axis("stack", axis, xs[0].shape.rank + 1)
    return tf.stack(xs, axis)


def _atleast(x, n):
    r = x.shape.rank
    if r >= n:
        return x
    if n == 3 and r == 2:
        return x[:, :, None]
    if n == 3 and r == 1:
        return x[None, :, None]
    return tf.reshape(x, [1] * (n - r) + dims(x))


def hstack(xs):
    xs = [_atleast(x, 1) for x in _tensors_like("hstack", xs)]
    axis = 0 if xs[0].shape.rank == 1 else 1
    _check_same("hstack", xs, skip=axis)
    return tf.concat(xs, axis)


def vstack(xs):
    xs = [_atleast(x, 2) for x in _tensors_like("vstack", xs)]
    _check_same("vstack", xs, skip=0)
    return tf.concat(xs, 0)


def dstack(xs):
    xs = [_atleast(x, 3) for x in _tensors_like("dstack", xs)]
    _check_same("dstack", xs, skip=2)
    return tf.concat(xs, 2)


def _split(op, x, indices_or_sections, axis, equal):
    x = convert_to_tensor(x)
    axis = canonical_axis(op, axis, static_rank(op, x))
    n = x.shape[axis]
    if isinstance(indices_or_sections, (int, np.integer)) and not isinstance(
        indices_or_sections, bool
    ):
        k = int(indices_or_sections)
        if k <= 0:
            raise ValueError(f"{op}: number of sections must be larger than 0. Received: {k}")
        if n is None:
            if equal:
                return tf.split(x, k, axis)
            length = tf.shape(x)[axis]
            sizes = length // k + tf.cast(tf.range(k) < length % k, tf.int32)
            return tf.split(x, sizes, axis, num=k)
        if equal and n % k:
            raise ValueError(
                f"{op}: the tensor of size {n} along axis {axis} does not split into {k} "
                "equal sections"
            )
        base, extra = divmod(n, k)
        sizes = [base + 1] * extra + [base] * (k - extra)
        return tf.split(x, sizes, axis)
    points = [as_int(op, i, "indices_or_sections") for i in indices_or_sections]
    bounds = [0] + points + [None]
    head = (slice(None),) * axis
    return [x[head + (slice(s, e),)] for s, e in zip(bounds[:-1], bounds[1:])]


def split(x, indices_or_sections, axis=0):
    return _split("split", x, indices_or_sections, axis, True)


def array_split(x, indices_or_sections, axis=0):
    return _split("array_split", x, indices_or_sections, axis, False)


def hsplit(x, indices_or_sections):
    x = convert_to_tensor(x)
    if static_rank("hsplit", x) == 0:
        raise ValueError("hsplit only works on tensors of 1 or more dimensions. Received: 0-d")
    return _split("hsplit", x, indices_or_sections, 1 if x.shape.rank > 1 else 0, True)


def vsplit(x, indices_or_sections):
    x = convert_to_tensor(x)
    if static_rank("vsplit", x) < 2:
        raise ValueError(f"vsplit needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    return _split("vsplit", x, indices_or_sections, 0, True)


def dsplit(x, indices_or_sections):
    x = convert_to_tensor(x)
    if static_rank("dsplit", x) < 3:
        raise ValueError(f"dsplit needs a tensor of rank >= 3. Received: shape={shape_str(x)}")
    return _split("dsplit", x, indices_or_sections, 2, True)


def tile(x, repeats):
    x = convert_to_tensor(x)
    reps = [as_int("tile", r, "repeats") for r in np.ravel(repeats)]
    if builtins.any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be non-negative. Received: repeats={repeats}")
    r = static_rank("tile", x)
    if len(reps) < r:
        reps = [1] * (r - len(reps)) + reps
    elif len(reps) > r:
        x = tf.reshape(x, [1] * (len(reps) - r) + dims(x))
    return widened(lambda t: tf.tile(t, reps), _NO_TILE, x)


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = flatten(x), 0
    axis = canonical_axis("repeat", axis, static_rank("repeat", x))
    reps = convert_to_tensor(repeats)
    if not reps.dtype.is_integer:
        raise TypeError(f"repeat: `repeats` must be integers. Received: dtype={dtype_name(reps)}")
    static = tf.get_static_value(reps)
    if static is not None and np.any(static < 0):
        raise ValueError(f"repeat: `repeats` must be non-negative. Received: {static.tolist()}")
    if reps.shape.rank == 1 and reps.shape[0] is not None and x.shape[axis] is not None:
        if reps.shape[0] not in (1, x.shape[axis]):
            raise ValueError(
                f"repeat: `repeats` has {reps.shape[0]} entries for an axis of size {x.shape[axis]}"
            )
    reps = tf.cast(reps, tf.int32)
    return widened(lambda t: tf.repeat(t, reps, axis=axis), _NO_TILE, x)


def flip(x, axis=None):
    x = convert_to_tensor(x)
    ax = list(canonical_axes("flip", axis, static_rank("flip", x)))
    return tf.reverse(x, ax) if ax else x


def fliplr(x):
    x = convert_to_tensor(x)
    if static_rank("fliplr", x) < 2:
        raise ValueError(f"fliplr needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    return tf.reverse(x, [1])


def flipud(x):
    x = convert_to_tensor(x)
    if static_rank("flipud", x) < 1:
        raise ValueError(f"flipud needs a tensor of rank >= 1. Received: shape={shape_str(x)}")
    return tf.reverse(x, [0])


def rot90(array, k=1, axes=(0, 1)):
    x = convert_to_tensor(array)
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must have 2 entries. Received: axes={axes}")
    a = canonical_axis("rot90", axes[0], static_rank("rot90", x), "axes")
    b = canonical_axis("rot90", axes[1], static_rank("rot90", x), "axes")
    if a == b:
        raise ValueError(f"rot90: `axes` must be different. Received: axes={axes}")
    k = as_int("rot90", k, "k") % 4
    if k == 0:
        return x
    if k == 2:
        return tf.reverse(x, [a, b])
    perm = list(range(x.shape.rank))
    perm[a], perm[b] = perm[b], perm[a]
    if k == 1:
        return tf.transpose(tf.reverse(x, [b]), perm)
    return tf.reverse(tf.transpose(x, perm), [b])


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return tf.reshape(tf.roll(flatten(x), shift, 0), tf.shape(x))
    ax = [
        canonical_axis("roll", a, static_rank("roll", x))
        for a in (axis if isinstance(axis, (list, tuple)) else [axis])
    ]
    shifts = list(shift) if isinstance(shift, (list, tuple)) else [shift]
    if len(shifts) == 1:
        shifts = shifts * len(ax)
    if len(ax) == 1:
        ax = ax * len(shifts)
    if len(ax) != len(shifts):
        raise ValueError(
            f"roll: `shift` and `axis` must have the same length. Received: shift={shift}, "
            f"axis={axis}"
        )
    if builtins.any(x.shape[a] == 0 for a in ax):
        return x
    return tf.roll(x, shifts, ax)


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: `indexing` must be 'xy' or 'ij'. Received: {indexing!r}")
    xs = [flatten(convert_to_tensor(t)) for t in x]
    n = len(xs)
    shape = [dim(t, 0) for t in xs]
    if indexing == "xy" and n > 1:
        shape[0], shape[1] = shape[1], shape[0]
    out = []
    for i, t in enumerate(xs):
        pos = i
        if indexing == "xy" and n > 1 and i < 2:
            pos = 1 - i
        s = [1] * n
        s[pos] = -1
        out.append(tf.broadcast_to(tf.reshape(t, s), shape))
    return out


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return tf.identity(x)
    target = tf.as_dtype(dt.standardize_dtype(dtype))
    src = x.dtype
    if src == tf.bool:
        x = tf.cast(x, tf.uint8)
    to = tf.uint8 if target == tf.bool else target
    ratio_num, ratio_den = x.dtype.size, to.size
    if x.dtype.size == to.size:
        out = tf.bitcast(x, to)
    elif x.dtype.size > to.size:
        out = tf.bitcast(x, to)
        out = tf.reshape(out, dims(x)[:-1] + [-1])
    else:
        if static_rank("view", x) == 0 or (
            x.shape[-1] is not None and x.shape[-1] * ratio_num % ratio_den
        ):
            raise ValueError(
                f"view: the last axis of size {x.shape[-1] if x.shape.rank else 'n/a'} of "
                f"{dtype_name(x)} does not divide into {target.name}. Received: shape={shape_str(x)}"
            )
        k = ratio_den // ratio_num
        out = tf.reshape(x, dims(x)[:-1] + [-1, k])
        out = tf.bitcast(out, to)
    return tf.cast(out, tf.bool) if target == tf.bool else out


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
    x = convert_to_tensor(x)
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
        v = cast(convert_to_tensor(values), x.dtype)
        if x.dtype.is_integer and not convert_to_tensor(values).dtype.is_integer:
            v = cast(tf.cast(convert_to_tensor(values), tf.float64), x.dtype)
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
