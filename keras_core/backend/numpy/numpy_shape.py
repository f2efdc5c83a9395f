"""The numpy backend's NumPy shape ops (reshape, transpose, concatenate, split, pad, ...).

The ops declared in ``keras_core/ops/numpy/shape.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.numpy.op_helpers import (
    HALF,
    as_dtype,
    as_int,
    canonical_axis,
    cast,
    name_of,
    native,
    require_kind,
    result_type,
    shape_arg,
    tensor,
)

UNSUPPORTED = {}


_PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
    "symmetric", "wrap", "empty", "circular",
)  # fmt: skip


def reshape(x, new_shape):
    x = tensor(x, "reshape")
    shape = shape_arg("reshape", new_shape, "new_shape")
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
        axes = tuple(canonical_axis("transpose", a, x.ndim, "axes") for a in axes)
        if sorted(axes) != list(range(x.ndim)):
            raise ValueError(
                f"transpose: `axes` must be a permutation of range({x.ndim}). Received: {axes}"
            )
    return np.transpose(x, axes)


def expand_dims(x, axis):
    x = tensor(x, "expand_dims")
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    out_ndim = x.ndim + len(axis_t)
    axis_t = tuple(canonical_axis("expand_dims", a, out_ndim) for a in axis_t)
    if len(set(axis_t)) != len(axis_t):
        raise ValueError(f"expand_dims: `axis` has repeated axes. Received: axis={axis}")
    return np.expand_dims(x, axis_t)


def squeeze(x, axis=None):
    x = tensor(x, "squeeze")
    if axis is None:
        return np.squeeze(x)
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    axis_t = tuple(canonical_axis("squeeze", a, x.ndim) for a in axis_t)
    for a in axis_t:
        if x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot squeeze axis {a} of size {x.shape[a]} (shape {x.shape})."
            )
    return np.squeeze(x, axis_t)


def swapaxes(x, axis1, axis2):
    x = tensor(x, "swapaxes")
    a1 = canonical_axis("swapaxes", axis1, x.ndim, "axis1")
    a2 = canonical_axis("swapaxes", axis2, x.ndim, "axis2")
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
    src = [canonical_axis("moveaxis", a, x.ndim, "source") for a in src]
    dst = [canonical_axis("moveaxis", a, x.ndim, "destination") for a in dst]
    return np.moveaxis(x, src, dst)


def broadcast_to(x, shape):
    x = tensor(x, "broadcast_to")
    shape = shape_arg("broadcast_to", shape)
    try:
        return np.broadcast_to(x, shape)
    except ValueError as e:
        raise ValueError(
            f"broadcast_to: a tensor of shape {x.shape} cannot be broadcast to shape {shape}."
        ) from e


def _join(op, xs):
    if not isinstance(xs, (list, tuple)) or not xs:
        raise ValueError(f"{op}: expected a non-empty list of tensors. Received: {xs!r:.80}")
    d = result_type(op, *xs)
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
    axis = canonical_axis("concatenate", axis, arrays[0].ndim)
    return _join_call("concatenate", np.concatenate, arrays, axis=axis)


def stack(x, axis=0):
    arrays = _join("stack", x)
    axis = canonical_axis("stack", axis, arrays[0].ndim + 1)
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
    axis = canonical_axis("append", axis, a.ndim)
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
    kwargs = {} if axis is None else {"axis": canonical_axis(op, axis, x.ndim)}
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
    reps = shape_arg("tile", repeats, "repeats")
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
        axis = canonical_axis("repeat", axis, x.ndim)
    try:
        return np.repeat(x, r, axis=axis)
    except ValueError as e:
        raise ValueError(f"repeat: {e} (x.shape={x.shape}, repeats={repeats})") from e


def flip(x, axis=None):
    x = tensor(x, "flip")
    if axis is None:
        return np.flip(x)
    axis_t = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    return np.flip(x, tuple(canonical_axis("flip", a, x.ndim) for a in axis_t))


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
        axis = tuple(canonical_axis("roll", a, x.ndim) for a in axis_t)
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
    a = tuple(canonical_axis("rot90", v, x.ndim, "axes") for v in axes)
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
        return cast(np.pad(x.astype(np.float32), pw, mode=mode), name_of(x.dtype))
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
