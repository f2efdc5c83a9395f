"""The numpy backend's shape manipulation, creation and indexing ops."""

import builtins

import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import creation_dtype
from keras_core.backend.numpy.numpy_base import (
    HALF,
    PY_SCALARS,
    arr,
    as_dtype,
    as_int,
    axis_index,
    cast_out,
    float_type,
    index,
    name_of,
    native,
    promote,
    require_kind,
    tensor,
    unary_type,
)

_PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
    "symmetric", "wrap", "empty", "circular",
)  # fmt: skip


def _shape_arg(op, shape, arg="shape"):
    if type(shape) is np.ndarray:
        shape = shape.tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    try:
        return tuple(int(as_int(op, s, arg)) for s in shape)
    except TypeError as e:
        raise TypeError(
            f"{op}: `{arg}` must be an int or a tuple of ints. Received: {shape!r}"
        ) from e


# ----------------------------------------------------------------------------- shape


def reshape(x, new_shape):
    x = tensor(x, "reshape")
    shape = _shape_arg("reshape", new_shape, "new_shape")
    try:
        return x.reshape(shape)
    except ValueError as e:
        raise ValueError(
            f"reshape: cannot reshape a tensor of shape {x.shape} ({x.size} elements) "
            f"into shape {shape}."
        ) from e


def ravel(x):
    return tensor(x, "ravel").reshape(-1)


def transpose(x, axes=None):
    x = tensor(x, "transpose")
    if axes is not None:
        axes = tuple(axis_index("transpose", a, x.ndim, "axes") for a in axes)
        if sorted(axes) != list(range(x.ndim)):
            raise ValueError(
                f"transpose: `axes` must be a permutation of range({x.ndim}). Received: {axes}"
            )
    return np.transpose(x, axes)


def expand_dims(x, axis):
    x = tensor(x, "expand_dims")
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    out_ndim = x.ndim + len(axis_t)
    axis_t = tuple(axis_index("expand_dims", a, out_ndim) for a in axis_t)
    if len(set(axis_t)) != len(axis_t):
        raise ValueError(f"expand_dims: `axis` has repeated axes. Received: axis={axis}")
    return np.expand_dims(x, axis_t)


def squeeze(x, axis=None):
    x = tensor(x, "squeeze")
    if axis is None:
        return np.squeeze(x)
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axis_t = tuple(axis_index("squeeze", a, x.ndim) for a in axis_t)
    for a in axis_t:
        if x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot squeeze axis {a} of size {x.shape[a]} (shape {x.shape})."
            )
    return np.squeeze(x, axis_t)


def swapaxes(x, axis1, axis2):
    x = tensor(x, "swapaxes")
    a1 = axis_index("swapaxes", axis1, x.ndim, "axis1")
    a2 = axis_index("swapaxes", axis2, x.ndim, "axis2")
    return np.swapaxes(x, a1, a2)


def moveaxis(x, source, destination):
    x = tensor(x, "moveaxis")
    src = source if isinstance(source, (list, tuple)) else (source,)
    dst = destination if isinstance(destination, (list, tuple)) else (destination,)
    if len(src) != len(dst):
        raise ValueError(
            "moveaxis: `source` and `destination` must have the same number of axes. "
            f"Received: source={source}, destination={destination}"
        )
    src = [axis_index("moveaxis", a, x.ndim, "source") for a in src]
    dst = [axis_index("moveaxis", a, x.ndim, "destination") for a in dst]
    return np.moveaxis(x, src, dst)


def broadcast_to(x, shape):
    x = tensor(x, "broadcast_to")
    shape = _shape_arg("broadcast_to", shape)
    try:
        return np.broadcast_to(x, shape)
    except ValueError as e:
        raise ValueError(
            f"broadcast_to: a tensor of shape {x.shape} cannot be broadcast to shape {shape}."
        ) from e


def _join(op, xs):
    if not isinstance(xs, (list, tuple)) or not xs:
        raise ValueError(f"{op}: expected a non-empty list of tensors. Received: {xs!r:.80}")
    d = promote(op, *xs)
    return [as_dtype(x, d, op, "xs") for x in xs]


def _join_call(op, fn, arrays, **kwargs):
    try:
        return fn(arrays, **kwargs)
    except ValueError as e:
        shapes = [a.shape for a in arrays]
        raise ValueError(f"{op}: cannot join tensors of shapes {shapes}: {e}") from e


def concatenate(xs, axis=0):
    arrays = _join("concatenate", xs)
    if axis is None:
        return np.concatenate([a.reshape(-1) for a in arrays])
    if arrays[0].ndim == 0:
        raise ValueError("concatenate: zero-dimensional tensors cannot be concatenated.")
    axis = axis_index("concatenate", axis, arrays[0].ndim)
    return _join_call("concatenate", np.concatenate, arrays, axis=axis)


def stack(x, axis=0):
    arrays = _join("stack", x)
    axis = axis_index("stack", axis, arrays[0].ndim + 1)
    return _join_call("stack", np.stack, arrays, axis=axis)


def hstack(xs):
    return _join_call("hstack", np.hstack, _join("hstack", xs))


def vstack(xs):
    return _join_call("vstack", np.vstack, _join("vstack", xs))


def dstack(xs):
    return _join_call("dstack", np.dstack, _join("dstack", xs))


def append(x1, x2, axis=None):
    a, b = _join("append", [x1, x2])
    if axis is None:
        return np.concatenate([a.reshape(-1), b.reshape(-1)])
    axis = axis_index("append", axis, a.ndim)
    return _join_call("append", np.concatenate, [a, b], axis=axis)


def _split(op, fn, x, indices_or_sections, axis=None, min_rank=1):
    x = tensor(x, op)
    if x.ndim < min_rank:
        raise ValueError(f"{op}: the input must have rank >= {min_rank}. Received: {x.shape}")
    ios = indices_or_sections
    if type(ios) is np.ndarray:
        ios = ios.tolist()
    if isinstance(ios, (list, tuple)):
        ios = [as_int(op, i, "indices_or_sections") for i in ios]
    else:
        ios = as_int(op, ios, "indices_or_sections")
        if ios <= 0:
            raise ValueError(f"{op}: the number of sections must be > 0. Received: {ios}")
    kwargs = {} if axis is None else {"axis": axis_index(op, axis, x.ndim)}
    try:
        return list(fn(x, ios, **kwargs))
    except ValueError as e:
        raise ValueError(f"{op}: {e} (shape {x.shape}, indices_or_sections={ios})") from e


def split(x, indices_or_sections, axis=0):
    return _split("split", np.split, x, indices_or_sections, axis)


def array_split(x, indices_or_sections, axis=0):
    return _split("array_split", np.array_split, x, indices_or_sections, axis)


def hsplit(x, indices_or_sections):
    return _split("hsplit", np.hsplit, x, indices_or_sections)


def vsplit(x, indices_or_sections):
    return _split("vsplit", np.vsplit, x, indices_or_sections, min_rank=2)


def dsplit(x, indices_or_sections):
    return _split("dsplit", np.dsplit, x, indices_or_sections, min_rank=3)


def tile(x, repeats):
    x = tensor(x, "tile")
    reps = _shape_arg("tile", repeats, "repeats")
    if builtins.any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be non-negative. Received: {reps}")
    return np.tile(x, reps)


def repeat(x, repeats, axis=None):
    x = tensor(x, "repeat")
    r = tensor(repeats, "repeat", "repeats")
    require_kind("repeat", r, "iu", "an int or a tensor of ints", "repeats")
    if r.size and r.min() < 0:
        raise ValueError(f"repeat: `repeats` must be non-negative. Received: {repeats}")
    if axis is not None:
        axis = axis_index("repeat", axis, x.ndim)
    try:
        return np.repeat(x, r, axis=axis)
    except ValueError as e:
        raise ValueError(f"repeat: {e} (x.shape={x.shape}, repeats={repeats})") from e


def flip(x, axis=None):
    x = tensor(x, "flip")
    if axis is None:
        return np.flip(x)
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    return np.flip(x, tuple(axis_index("flip", a, x.ndim) for a in axis_t))


def fliplr(x):
    x = tensor(x, "fliplr")
    if x.ndim < 2:
        raise ValueError(f"fliplr: the input must have rank >= 2. Received: x.shape={x.shape}")
    return np.fliplr(x)


def flipud(x):
    x = tensor(x, "flipud")
    if x.ndim < 1:
        raise ValueError(f"flipud: the input must have rank >= 1. Received: x.shape={x.shape}")
    return np.flipud(x)


def roll(x, shift, axis=None):
    x = tensor(x, "roll")
    if axis is not None:
        axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
        axis = tuple(axis_index("roll", a, x.ndim) for a in axis_t)
        if not isinstance(shift, (list, tuple)):
            shift = (shift,) * len(axis)
        if len(shift) != len(axis):
            raise ValueError(
                f"roll: `shift` and `axis` must have the same length. Received: {shift}, {axis}"
            )
    return np.roll(x, shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    x = tensor(array, "rot90", "array")
    if x.ndim < 2:
        raise ValueError(f"rot90: the input must have rank >= 2. Received: shape={x.shape}")
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must hold exactly 2 axes. Received: axes={axes}")
    a = tuple(axis_index("rot90", v, x.ndim, "axes") for v in axes)
    if a[0] == a[1]:
        raise ValueError(f"rot90: `axes` must be different. Received: axes={axes}")
    return np.rot90(x, as_int("rot90", k, "k"), a)


def _pad_width(op, pad_width, ndim):
    pw = np.asarray(pad_width)
    if pw.dtype.kind not in "iu":
        raise TypeError(f"{op}: `pad_width` must hold ints. Received: {pad_width!r}")
    try:
        pw = np.broadcast_to(pw, (ndim, 2))
    except ValueError as e:
        raise ValueError(
            f"{op}: `pad_width` must be an int, a (before, after) pair, or one pair per axis "
            f"({ndim}). Received: pad_width={pad_width!r}"
        ) from e
    if (pw < 0).any():
        raise ValueError(f"{op}: `pad_width` must be non-negative. Received: {pad_width!r}")
    return pw.tolist()


def pad(x, pad_width, mode="constant", constant_values=None):
    x = tensor(x, "pad")
    if mode not in _PAD_MODES:
        raise ValueError(f"pad: `mode` must be one of {_PAD_MODES}. Received: mode={mode!r}")
    pw = _pad_width("pad", pad_width, x.ndim)
    if mode == "circular":
        mode = "wrap"
    if mode == "constant":
        cv = 0 if constant_values is None else constant_values
        return np.pad(x, pw, mode="constant", constant_values=cv)
    if constant_values is not None:
        raise ValueError(
            f"pad: `constant_values` is only allowed with mode='constant'. Received: mode={mode!r}"
        )
    if mode in ("mean", "median", "linear_ramp") and name_of(x.dtype) in HALF:
        return cast_out(np.pad(x.astype(np.float32), pw, mode=mode), name_of(x.dtype))
    return np.pad(x, pw, mode=mode)


def ndim(x):
    return np.ndim(tensor(x, "ndim"))


def size(x):
    return np.size(tensor(x, "size"))


def view(x, dtype=None):
    x = tensor(x, "view")
    if dtype is None:
        return x.view()
    d = native(dt.standardize_dtype(dtype))
    try:
        return x.view(d)
    except ValueError as e:
        raise ValueError(
            f"view: cannot view a tensor of shape {x.shape} and dtype {name_of(x.dtype)} as "
            f"{dt.standardize_dtype(dtype)}: {e}"
        ) from e


def copy(x):
    return np.array(tensor(x, "copy"), copy=True)


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: `indexing` must be 'xy' or 'ij'. Received: {indexing!r}")
    arrays = [tensor(v, "meshgrid") for v in x]
    for a in arrays:
        if a.ndim != 1:
            raise ValueError(f"meshgrid: every input must be 1-D. Received a shape {a.shape}")
    return list(np.meshgrid(*arrays, indexing=indexing))


# ----------------------------------------------------------------------------- creation


def _dtype_arg(dtype, *values):
    return creation_dtype(dtype, *[v for v in values if v is not None])


def arange(start, stop=None, step=1, dtype=None):
    step = 1 if step is None else step
    d = _dtype_arg(dtype, start, stop, step)
    if stop is None:
        start, stop = 0, start
    vals = [np.asarray(tensor(v, "arange")).item() for v in (start, stop, step)]
    if vals[2] == 0:
        raise ValueError("arange: `step` must not be zero.")
    if dt.is_int_dtype(d) and builtins.all(float(v).is_integer() for v in vals):
        return np.arange(int(vals[0]), int(vals[1]), int(vals[2]), dtype=native(d))
    return cast_out(np.arange(*[float(v) for v in vals], dtype=np.float64), d)


def _space_dtype(dtype, start, stop):
    return dt.standardize_dtype(dtype) if dtype is not None else float_type("linspace", start, stop)


def _as_float64(v, op):
    return tensor(v, op).astype(np.float64)


def _finish_space(values, d):
    if dt.is_int_dtype(d) or d == "bool":
        values = np.floor(values)
    return cast_out(values, d)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num = as_int("linspace", num, "num")
    if num < 0:
        raise ValueError(f"linspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "linspace"), _as_float64(stop, "linspace")
    values, step = np.linspace(a, b, num, endpoint=endpoint, retstep=True, axis=axis)
    out = _finish_space(values, d)
    if retstep:
        return out, cast_out(step, d)
    return out


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    num = as_int("logspace", num, "num")
    if num < 0:
        raise ValueError(f"logspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "logspace"), _as_float64(stop, "logspace")
    values = np.logspace(a, b, num, endpoint=endpoint, base=np.float64(base), axis=axis)
    return _finish_space(values, d)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    num = as_int("geomspace", num, "num")
    if num < 0:
        raise ValueError(f"geomspace: `num` must be >= 0. Received: num={num}")
    d = _space_dtype(dtype, start, stop)
    a, b = _as_float64(start, "geomspace"), _as_float64(stop, "geomspace")
    if (a == 0).any() or (b == 0).any():
        raise ValueError("geomspace: `start` and `stop` must be non-zero.")
    return _finish_space(np.geomspace(a, b, num, endpoint=endpoint, axis=axis), d)


def _d(dtype):
    return dt.standardize_dtype(dtype) if dtype is not None else config.floatx()


def zeros(shape, dtype=None):
    return np.zeros(_shape_arg("zeros", shape), dtype=native(_d(dtype)))


def ones(shape, dtype=None):
    return np.ones(_shape_arg("ones", shape), dtype=native(_d(dtype)))


def empty(shape, dtype=None):
    return np.empty(_shape_arg("empty", shape), dtype=native(_d(dtype)))


def full(shape, fill_value, dtype=None):
    shape = _shape_arg("full", shape)
    if type(fill_value) not in PY_SCALARS:
        fill_value = tensor(fill_value, "full", "fill_value")
    d = creation_dtype(dtype, fill_value)
    v = as_dtype(fill_value, d, "full", "fill_value")
    try:
        return np.array(np.broadcast_to(v, shape))
    except ValueError as e:
        raise ValueError(
            f"full: `fill_value` of shape {v.shape} cannot be broadcast to shape {shape}."
        ) from e


def _like_dtype(x, dtype):
    return dt.standardize_dtype(dtype) if dtype is not None else name_of(x.dtype)


def zeros_like(x, dtype=None):
    x = tensor(x, "zeros_like")
    return np.zeros(x.shape, native(_like_dtype(x, dtype)))


def ones_like(x, dtype=None):
    x = tensor(x, "ones_like")
    return np.ones(x.shape, native(_like_dtype(x, dtype)))


def empty_like(x, dtype=None):
    x = tensor(x, "empty_like")
    return np.empty(x.shape, native(_like_dtype(x, dtype)))


def full_like(x, fill_value, dtype=None):
    x = tensor(x, "full_like")
    d = _like_dtype(x, dtype)
    v = as_dtype(fill_value, d, "full_like", "fill_value")
    try:
        return np.array(np.broadcast_to(v, x.shape))
    except ValueError as e:
        raise ValueError(
            f"full_like: `fill_value` of shape {v.shape} cannot be broadcast to shape {x.shape}."
        ) from e


def eye(N, M=None, k=0, dtype=None):
    N = as_int("eye", N, "N")
    M = N if M is None else as_int("eye", M, "M")
    return np.eye(N, M, as_int("eye", k, "k"), dtype=native(_d(dtype)))


def identity(n, dtype=None):
    return np.identity(as_int("identity", n, "n"), dtype=native(_d(dtype)))


def tri(N, M=None, k=0, dtype=None):
    N = as_int("tri", N, "N")
    M = N if M is None else as_int("tri", M, "M")
    return np.tri(N, M, as_int("tri", k, "k"), dtype=native(_d(dtype)))


def _min_rank(op, x, rank):
    if x.ndim < rank:
        raise ValueError(f"{op}: the input must have rank >= {rank}. Received: x.shape={x.shape}")


def tril(x, k=0):
    x = tensor(x, "tril")
    _min_rank("tril", x, 2)
    return np.tril(x, as_int("tril", k, "k"))


def triu(x, k=0):
    x = tensor(x, "triu")
    _min_rank("triu", x, 2)
    return np.triu(x, as_int("triu", k, "k"))


def diag(x, k=0):
    x = tensor(x, "diag")
    if x.ndim not in (1, 2):
        raise ValueError(f"diag: the input must be 1-D or 2-D. Received: x.shape={x.shape}")
    return np.array(np.diag(x, as_int("diag", k, "k")))


def diagflat(x, k=0):
    return np.diagflat(tensor(x, "diagflat"), as_int("diagflat", k, "k"))


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "diagonal")
    _min_rank("diagonal", x, 2)
    a1 = axis_index("diagonal", axis1, x.ndim, "axis1")
    a2 = axis_index("diagonal", axis2, x.ndim, "axis2")
    if a1 == a2:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    return np.array(np.diagonal(x, as_int("diagonal", offset, "offset"), a1, a2))


def vander(x, N=None, increasing=False):
    x = tensor(x, "vander")
    if x.ndim != 1:
        raise ValueError(f"vander: `x` must be 1-D. Received: x.shape={x.shape}")
    d = unary_type("vander", x)
    n = x.shape[0] if N is None else as_int("vander", N, "N")
    if n < 0:
        raise ValueError(f"vander: `N` must be >= 0. Received: N={N}")
    src = x.astype(np.float64) if d in HALF else x.astype(native(d))
    return cast_out(np.vander(src, n, increasing=increasing), d)


def array(x, dtype=None):
    if dtype is None:
        return np.array(tensor(x, "array"), copy=True)
    return np.array(as_dtype(x, dt.standardize_dtype(dtype), "array"), copy=True)


def _window(op, fn, x, *args):
    m = as_int(op, np.asarray(tensor(x, op)).item() if not isinstance(x, int) else x, "x")
    return cast_out(fn(m, *args), config.floatx())


def bartlett(x):
    return _window("bartlett", np.bartlett, x)


def blackman(x):
    return _window("blackman", np.blackman, x)


def hamming(x):
    return _window("hamming", np.hamming, x)


def hanning(x):
    return _window("hanning", np.hanning, x)


def kaiser(x, beta):
    return _window("kaiser", np.kaiser, x, float(np.asarray(tensor(beta, "kaiser", "beta"))))


# ----------------------------------------------------------------------------- indexing


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
        axis = axis_index("take", axis, x.ndim)
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
    axis = axis_index("take_along_axis", axis, x.ndim)
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
    shape = _shape_arg("unravel_index", shape)
    try:
        return tuple(index(i) for i in np.unravel_index(idx, shape))
    except ValueError as e:
        raise ValueError(f"unravel_index: {e} (shape={shape})") from e


__all__ = [
    n for n, v in list(globals().items())
    if callable(v) and getattr(v, "__module__", None) == __name__ and not n.startswith("_")
]  # fmt: skip
