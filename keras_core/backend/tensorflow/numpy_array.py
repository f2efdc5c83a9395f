# Creation and shape-manipulation numpy ops of the tensorflow backend.
import builtins

import numpy as np
import tensorflow as tf

from keras_core.backend.common import dtype_rules as rules
from keras_core.backend.common import dtypes as dt
from keras_core.backend.tensorflow.numpy_base import (
    axes,
    axis_one,
    binary_dtype,
    cast,
    dim,
    dims,
    flatten,
    float_dtype,
    name,
    own_dtype,
    python_int,
    rank,
    rule,
    shape_str,
    tensor,
    widened,
)

_NO_TILE = frozenset(("uint16",))  # the CPU Tile kernel lacks uint16

# ----------------------------------------------------------------- creation


def _shape_arg(op, shape):
    if tf.is_tensor(shape):
        static = tf.get_static_value(shape)
        if static is None:
            return cast(shape, tf.int32)
        shape = static
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        out = [python_int(d, op, "shape") for d in shape]
    except TypeError:
        raise TypeError(
            f"{op}: `shape` must be a tuple of integers. Received: shape={shape!r}"
        ) from None
    if builtins.any(d < 0 for d in out):
        raise ValueError(f"{op}: negative dimensions are not allowed. Received: shape={shape!r}")
    return out


def _creation_dtype(dtype, *values):
    if dtype is not None:
        return dt.standardize_dtype(dtype)
    return rule("creation", lambda *v: rules.creation_dtype(None, *v), *values)


def zeros(shape, dtype=None):
    return tf.zeros(_shape_arg("zeros", shape), dtype=_creation_dtype(dtype))


def ones(shape, dtype=None):
    return tf.ones(_shape_arg("ones", shape), dtype=_creation_dtype(dtype))


def empty(shape, dtype=None):
    return tf.zeros(_shape_arg("empty", shape), dtype=_creation_dtype(dtype))


def full(shape, fill_value, dtype=None):
    dtype = _creation_dtype(dtype, fill_value)
    value = cast(tensor(fill_value), dtype)
    return _fill("full", value, _shape_arg("full", shape))


def _fill(op, value, shape):
    if isinstance(shape, list) and value.shape.is_fully_defined():
        try:
            ok = tf.broadcast_static_shape(value.shape, tf.TensorShape(shape)).as_list() == shape
        except ValueError:
            ok = False
        if not ok or value.shape.rank > len(shape):
            raise ValueError(
                f"{op}: `fill_value` of shape {shape_str(value)} cannot be broadcast to "
                f"shape {tuple(shape)}"
            )
    return tf.broadcast_to(value, shape)


def _like_dtype(op, x, dtype):
    return own_dtype(op, x) if dtype is None else dt.standardize_dtype(dtype)


def zeros_like(x, dtype=None):
    x = tensor(x)
    return tf.zeros(tf.shape(x), dtype=_like_dtype("zeros_like", x, dtype))


def ones_like(x, dtype=None):
    x = tensor(x)
    return tf.ones(tf.shape(x), dtype=_like_dtype("ones_like", x, dtype))


def empty_like(x, dtype=None):
    return zeros_like(x, dtype=dtype)


def full_like(x, fill_value, dtype=None):
    x = tensor(x)
    value = cast(tensor(fill_value), _like_dtype("full_like", x, dtype))
    shape = x.shape.as_list() if x.shape.is_fully_defined() else tf.shape(x)
    return _fill("full_like", value, shape)


def _eye_mask(n, m, k):
    rows = tf.range(n)[:, None]
    cols = tf.range(m)[None, :]
    return rows, cols, k


def eye(N, M=None, k=0, dtype=None):
    n = python_int(N, "eye", "N")
    m = n if M is None else python_int(M, "eye", "M")
    k = python_int(k, "eye", "k")
    if n < 0 or m < 0:
        raise ValueError(f"eye: `N` and `M` must be non-negative. Received: N={N}, M={M}")
    rows, cols, k = _eye_mask(n, m, k)
    return tf.cast(tf.equal(rows + k, cols), _creation_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    n = python_int(N, "tri", "N")
    m = n if M is None else python_int(M, "tri", "M")
    k = python_int(k, "tri", "k")
    if n < 0 or m < 0:
        raise ValueError(f"tri: `N` and `M` must be non-negative. Received: N={N}, M={M}")
    rows, cols, k = _eye_mask(n, m, k)
    return tf.cast(tf.greater_equal(rows + k, cols), _creation_dtype(dtype))


def _scalar_value(op, v, argname):
    if tf.is_tensor(v) or isinstance(v, np.ndarray):
        if v.shape.rank if tf.is_tensor(v) else v.ndim:
            raise ValueError(f"{op}: `{argname}` must be a scalar. Received shape {v.shape}")
    return v


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    for arg, v in (("start", start), ("stop", stop), ("step", step)):
        _scalar_value("arange", v, arg)
    dtype = _creation_dtype(dtype, start, stop, step)
    is_int = dtype in dt.INT_TYPES + dt.UINT_TYPES or dtype == "bool"
    args = (start, stop, step)
    all_int = builtins.all(
        isinstance(v, (int, np.integer)) or (hasattr(v, "dtype") and dt.is_int_dtype(v.dtype))
        for v in args
    )
    work = tf.int64 if (is_int and all_int) else tf.float64
    start, stop, step = (tf.cast(tensor(v), work) for v in args)
    static_step = tf.get_static_value(step)
    if static_step is not None and static_step == 0:
        raise ValueError("arange: `step` must not be zero. Received: step=0")
    span = tf.cast(stop - start, tf.float64) / tf.cast(step, tf.float64)
    n = tf.maximum(tf.cast(tf.math.ceil(span), tf.int64), 0)
    values = start + tf.cast(tf.range(n), work) * step
    return tf.cast(values, dtype)


def _space_dtype(op, dtype, start, stop):
    return float_dtype(op, start, stop) if dtype is None else dt.standardize_dtype(dtype)


def _lin(op, start, stop, num, endpoint, axis):
    num = python_int(num, op, "num")
    if num < 0:
        raise ValueError(f"{op}: `num` must be non-negative. Received: num={num}")
    a = tf.cast(tensor(start), tf.float64)
    b = tf.cast(tensor(stop), tf.float64)
    shape = tf.broadcast_dynamic_shape(tf.shape(a), tf.shape(b))
    a, b = tf.broadcast_to(a, shape), tf.broadcast_to(b, shape)
    div = (num - 1) if endpoint else num
    step = (b - a) / div if div > 0 else tf.fill(shape, tf.constant(np.nan, tf.float64))
    i = tf.reshape(tf.range(num, dtype=tf.float64), [num] + [1] * a.shape.rank)
    y = a[None] + i * (step[None] if div > 0 else tf.zeros_like(a)[None])
    if endpoint and num > 1:
        y = tf.concat([y[:-1], b[None]], 0)
    out_rank = a.shape.rank + 1
    axis = axis_one(op, y, axis, ndim=out_rank)
    if axis != 0:
        perm = list(range(1, axis + 1)) + [0] + list(range(axis + 1, out_rank))
        y = tf.transpose(y, perm)
    return y, step


def _to_dtype(y, dtype):
    if dtype in dt.INT_TYPES + dt.UINT_TYPES:
        y = tf.floor(y)
    return tf.cast(y, dtype)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    out = _space_dtype("linspace", dtype, start, stop)
    y, step = _lin("linspace", start, stop, num, endpoint, axis)
    if retstep:
        step_dtype = out if dt.is_float_dtype(out) else float_dtype("linspace", start, stop)
        return _to_dtype(y, out), tf.cast(step, step_dtype)
    return _to_dtype(y, out)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    out = _space_dtype("logspace", dtype, start, stop)
    y, _ = _lin("logspace", start, stop, num, endpoint, axis)
    base = tf.cast(tensor(base), tf.float64)
    return _to_dtype(tf.pow(base, y), out)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    out = _space_dtype("geomspace", dtype, start, stop)
    a = tf.cast(tensor(start), tf.float64)
    b = tf.cast(tensor(stop), tf.float64)
    static = tf.get_static_value(a), tf.get_static_value(b)
    if builtins.any(s is not None and np.any(s == 0) for s in static):
        raise ValueError(
            f"geomspace: a geometric sequence cannot include zero. Received: start={start}, "
            f"stop={stop}"
        )
    flip = tf.logical_and(a < 0, b < 0)
    sign = tf.where(flip, -tf.ones_like(a), tf.ones_like(a))
    la = tf.math.log(tf.abs(a)) / np.log(10.0)
    lb = tf.math.log(tf.abs(b)) / np.log(10.0)
    y, _ = _lin("geomspace", la, lb, num, endpoint, 0)
    y = tf.pow(tf.constant(10.0, tf.float64), y) * sign[None]
    n = python_int(num, "geomspace", "num")
    if n > 0:
        first = tf.abs(a)[None] * sign[None]
        parts = [first, y[1:]]
        if endpoint and n > 1:
            parts = [first, y[1:-1], (tf.abs(b) * sign)[None]]
        y = tf.concat(parts, 0)[:n]
    out_rank = y.shape.rank
    axis = axis_one("geomspace", y, axis, ndim=out_rank)
    if axis != 0:
        y = tf.transpose(y, list(range(1, axis + 1)) + [0] + list(range(axis + 1, out_rank)))
    return _to_dtype(y, out)


def _window(op, x, fn):
    m = python_int(x, op, "x")
    if m < 1:
        return tf.zeros([0], rules.creation_dtype(None))
    if m == 1:
        return tf.ones([1], rules.creation_dtype(None))
    n = tf.range(m, dtype=tf.float64)
    return tf.cast(fn(n, float(m)), rules.creation_dtype(None))


def bartlett(x):
    return _window("bartlett", x, lambda n, m: 1 - tf.abs(2 * n / (m - 1) - 1))


def hanning(x):
    return _window("hanning", x, lambda n, m: 0.5 - 0.5 * tf.cos(2 * np.pi * n / (m - 1)))


def hamming(x):
    return _window("hamming", x, lambda n, m: 0.54 - 0.46 * tf.cos(2 * np.pi * n / (m - 1)))


def blackman(x):
    def fn(n, m):
        t = 2 * np.pi * n / (m - 1)
        return 0.42 - 0.5 * tf.cos(t) + 0.08 * tf.cos(2 * t)

    return _window("blackman", x, fn)


def kaiser(x, beta):
    b = tf.cast(tensor(beta), tf.float64)

    def fn(n, m):
        alpha = (m - 1) / 2.0
        r = (n - alpha) / alpha
        return tf.math.bessel_i0(b * tf.sqrt(tf.maximum(1 - r * r, 0.0))) / tf.math.bessel_i0(b)

    return _window("kaiser", x, fn)


def array(x, dtype=None):
    if dtype is not None:
        return tensor(x, dt.standardize_dtype(dtype))
    return tf.identity(tensor(x))


def copy(x):
    return tf.identity(tensor(x))


# --------------------------------------------------------------- shape info


def ndim(x):
    return rank("ndim", tensor(x))


def size(x):
    x = tensor(x)
    if x.shape.rank is not None and x.shape.is_fully_defined():
        return int(np.prod(x.shape.as_list(), dtype=np.int64))
    return tf.size(x, out_type=tf.int32)


# ------------------------------------------------------- shape manipulation


def reshape(x, new_shape):
    x = tensor(x)
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
            return tf.stack([cast(tensor(e), tf.int32) if e is not None else -1 for e in shape])
        else:
            out.append(python_int(d, "reshape", "new_shape"))
    return out


def ravel(x):
    return flatten(tensor(x))


def transpose(x, axes=None):
    x = tensor(x)
    r = rank("transpose", x)
    if axes is None:
        return tf.transpose(x)
    perm = [axis_one("transpose", x, a, "axes") for a in axes]
    if sorted(perm) != list(range(r)):
        raise ValueError(
            f"transpose: `axes` must be a permutation of range({r}). Received: axes={axes}"
        )
    return tf.transpose(x, perm)


def expand_dims(x, axis):
    x = tensor(x)
    items = axis if isinstance(axis, (list, tuple)) else (axis,)
    out_rank = rank("expand_dims", x) + len(items)
    pos = sorted(axis_one("expand_dims", x, a, ndim=out_rank) for a in items)
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
    x = tensor(x)
    if axis is None:
        return tf.squeeze(x)
    ax = axes("squeeze", x, axis)
    for a in ax:
        if x.shape[a] is not None and x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot select an axis to squeeze out which has size not equal to "
                f"one. Received: axis={axis}, shape={shape_str(x)}"
            )
    return tf.squeeze(x, list(ax))


def moveaxis(x, source, destination):
    x = tensor(x)
    r = rank("moveaxis", x)
    src = axes("moveaxis", x, source, "source")
    dst = axes("moveaxis", x, destination, "destination")
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
    x = tensor(x)
    a = axis_one("swapaxes", x, axis1, "axis1")
    b = axis_one("swapaxes", x, axis2, "axis2")
    perm = list(range(x.shape.rank))
    perm[a], perm[b] = perm[b], perm[a]
    return tf.transpose(x, perm)


def broadcast_to(x, shape):
    x = tensor(x)
    target = _shape_arg("broadcast_to", shape)
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
    dtype = binary_dtype(op, *xs)
    return [tensor(x, dtype) for x in xs]


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
    axis = axis_one("concatenate", xs[0], axis)
    _check_same("concatenate", xs, skip=axis)
    return tf.concat(xs, axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def stack(x, axis=0):
    xs = _tensors_like("stack", x)
    _check_same("stack", xs)
    axis = axis_one("stack", xs[0], axis, ndim=xs[0].shape.rank + 1)
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
    x = tensor(x)
    axis = axis_one(op, x, axis)
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
    points = [python_int(i, op, "indices_or_sections") for i in indices_or_sections]
    bounds = [0] + points + [None]
    head = (slice(None),) * axis
    return [x[head + (slice(s, e),)] for s, e in zip(bounds[:-1], bounds[1:])]


def split(x, indices_or_sections, axis=0):
    return _split("split", x, indices_or_sections, axis, True)


def array_split(x, indices_or_sections, axis=0):
    return _split("array_split", x, indices_or_sections, axis, False)


def hsplit(x, indices_or_sections):
    x = tensor(x)
    if rank("hsplit", x) == 0:
        raise ValueError("hsplit only works on tensors of 1 or more dimensions. Received: 0-d")
    return _split("hsplit", x, indices_or_sections, 1 if x.shape.rank > 1 else 0, True)


def vsplit(x, indices_or_sections):
    x = tensor(x)
    if rank("vsplit", x) < 2:
        raise ValueError(f"vsplit needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    return _split("vsplit", x, indices_or_sections, 0, True)


def dsplit(x, indices_or_sections):
    x = tensor(x)
    if rank("dsplit", x) < 3:
        raise ValueError(f"dsplit needs a tensor of rank >= 3. Received: shape={shape_str(x)}")
    return _split("dsplit", x, indices_or_sections, 2, True)


def tile(x, repeats):
    x = tensor(x)
    reps = [python_int(r, "tile", "repeats") for r in np.ravel(repeats)]
    if builtins.any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be non-negative. Received: repeats={repeats}")
    r = rank("tile", x)
    if len(reps) < r:
        reps = [1] * (r - len(reps)) + reps
    elif len(reps) > r:
        x = tf.reshape(x, [1] * (len(reps) - r) + dims(x))
    return widened(lambda t: tf.tile(t, reps), _NO_TILE, x)


def repeat(x, repeats, axis=None):
    x = tensor(x)
    if axis is None:
        x, axis = flatten(x), 0
    axis = axis_one("repeat", x, axis)
    reps = tensor(repeats)
    if not reps.dtype.is_integer:
        raise TypeError(f"repeat: `repeats` must be integers. Received: dtype={name(reps)}")
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
    x = tensor(x)
    ax = axes("flip", x, axis)
    ax = list(range(x.shape.rank)) if ax is None else list(ax)
    return tf.reverse(x, ax) if ax else x


def fliplr(x):
    x = tensor(x)
    if rank("fliplr", x) < 2:
        raise ValueError(f"fliplr needs a tensor of rank >= 2. Received: shape={shape_str(x)}")
    return tf.reverse(x, [1])


def flipud(x):
    x = tensor(x)
    if rank("flipud", x) < 1:
        raise ValueError(f"flipud needs a tensor of rank >= 1. Received: shape={shape_str(x)}")
    return tf.reverse(x, [0])


def rot90(array, k=1, axes=(0, 1)):
    x = tensor(array)
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must have 2 entries. Received: axes={axes}")
    a = axis_one("rot90", x, axes[0], "axes")
    b = axis_one("rot90", x, axes[1], "axes")
    if a == b:
        raise ValueError(f"rot90: `axes` must be different. Received: axes={axes}")
    k = python_int(k, "rot90", "k") % 4
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
    x = tensor(x)
    if axis is None:
        return tf.reshape(tf.roll(flatten(x), shift, 0), tf.shape(x))
    ax = [axis_one("roll", x, a) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
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


def diff(a, n=1, axis=-1):
    x = tensor(a, own_dtype("diff", a))
    n = python_int(n, "diff", "n")
    if n < 0:
        raise ValueError(f"diff: order `n` must be non-negative. Received: n={n}")
    axis = axis_one("diff", x, axis)
    head = (slice(None),) * axis
    for _ in range(n):
        hi, lo = x[head + (slice(1, None),)], x[head + (slice(None, -1),)]
        x = tf.math.logical_xor(hi, lo) if x.dtype == tf.bool else hi - lo
    return x


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: `indexing` must be 'xy' or 'ij'. Received: {indexing!r}")
    xs = [flatten(tensor(t)) for t in x]
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


def vander(x, N=None, increasing=False):
    x = tensor(x, own_dtype("vander", x))
    if rank("vander", x) != 1:
        raise ValueError(f"vander: `x` must be 1-D. Received: shape={shape_str(x)}")
    n = dim(x, 0) if N is None else python_int(N, "vander", "N")
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    rep = tf.broadcast_to(x[:, None], tf.stack([tf.shape(x)[0], tf.maximum(n - 1, 0)]))
    cols = tf.concat([tf.ones_like(x)[:, None], rep], 1)
    out = tf.math.cumprod(cols[:, :n], axis=1)
    return out if increasing else tf.reverse(out, [1])


def unravel_index(indices, shape):
    idx = tensor(indices)
    if not idx.dtype.is_integer:
        raise TypeError(f"unravel_index: `indices` must be integers. Received: {name(idx)}")
    shape = _shape_arg("unravel_index", shape)
    idx = tf.cast(idx, tf.int64)
    out = []
    for d in reversed(shape):
        out.append(tf.cast(tf.math.floormod(idx, max(d, 1)), tf.int32))
        idx = tf.math.floordiv(idx, max(d, 1))
    return tuple(reversed(out))


def trapezoid(y, x=None, dx=1.0, axis=-1):
    dtype = float_dtype("trapezoid", y) if x is None else float_dtype("trapezoid", y, x)
    y = tensor(y, dtype)
    axis = axis_one("trapezoid", y, axis)
    head = (slice(None),) * axis
    hi, lo = y[head + (slice(1, None),)], y[head + (slice(None, -1),)]
    if x is None:
        d = tensor(dx, dtype)
    else:
        xt = tensor(x, dtype)
        if xt.shape.rank == 1:
            d = xt[1:] - xt[:-1]
            shape = [1] * y.shape.rank
            shape[axis] = -1
            d = tf.reshape(d, shape)
        else:
            xa = axis_one("trapezoid", xt, axis - y.shape.rank + xt.shape.rank)
            xhead = (slice(None),) * xa
            d = xt[xhead + (slice(1, None),)] - xt[xhead + (slice(None, -1),)]
    return tf.reduce_sum(d * (hi + lo) / 2, axis)


def view(x, dtype=None):
    x = tensor(x)
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
        if rank("view", x) == 0 or (
            x.shape[-1] is not None and x.shape[-1] * ratio_num % ratio_den
        ):
            raise ValueError(
                f"view: the last axis of size {x.shape[-1] if x.shape.rank else 'n/a'} of "
                f"{name(x)} does not divide into {target.name}. Received: shape={shape_str(x)}"
            )
        k = ratio_den // ratio_num
        out = tf.reshape(x, dims(x)[:-1] + [-1, k])
        out = tf.bitcast(out, to)
    return tf.cast(out, tf.bool) if target == tf.bool else out
