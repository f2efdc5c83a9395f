"""The jax backend's ops of ``keras_core/ops/numpy/shape.py``."""

import math
import operator

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.op_helpers import (
    as_int,
    broadcasts_to,
    canonical_axis,
    cast,
    check_axis,
    check_choice,
    check_min_rank,
    has_str,
    is_traced,
    norm_axis,
    result_type,
    shape_arg,
    tensor,
    without_axis,
)

_PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
    "reflect", "symmetric", "wrap", "empty",
)  # fmt: skip


def ndim(x):
    return tensor(x, "ndim").ndim


def size(x):
    return tensor(x, "size").size


def ravel(x):
    return jnp.ravel(tensor(x, "ravel"))


def _new_shape_arg(op, shape):
    if isinstance(shape, (list, tuple)):
        dims = tuple(as_int(op, d, "new_shape") for d in shape)
    else:
        dims = (as_int(op, shape, "new_shape"),)
    if any(d < -1 for d in dims):
        raise ValueError(f"{op}: dimensions must be >= -1. Received: new_shape={shape}")
    return dims


def reshape(x, new_shape):
    x = tensor(x, "reshape")
    dims = _new_shape_arg("reshape", new_shape)
    known = math.prod(d for d in dims if d != -1)
    bad = dims.count(-1) > 1 or (-1 not in dims and known != x.size)
    if -1 in dims and not bad:
        bad = known == 0 or x.size % known != 0
    if bad:
        raise ValueError(
            f"reshape: cannot reshape a tensor of shape {x.shape} (size {x.size}) into "
            f"new_shape={new_shape}."
        )
    return jnp.reshape(x, dims)


def expand_dims(x, axis):
    x = tensor(x, "expand_dims")
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    out_ndim = x.ndim + len(axes)
    for a in axes:
        if not -out_ndim <= as_int("expand_dims", a, "axis") < out_ndim:
            raise ValueError(
                f"expand_dims: axis={a} is out of bounds for a tensor of rank {x.ndim} "
                f"(shape {x.shape}); expected axis in [{-out_ndim}, {out_ndim - 1}]."
            )
    axes = tuple(a % out_ndim for a in axes)
    if len(set(axes)) != len(axes):
        raise ValueError(f"expand_dims: `axis` has repeated axes. Received: axis={axis}")
    return jnp.expand_dims(x, axes)


def squeeze(x, axis=None):
    x = tensor(x, "squeeze")
    axis = norm_axis("squeeze", axis, x)
    if axis is None:
        return jnp.squeeze(x)
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if x.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot squeeze axis {a} of size {x.shape[a]} (shape {x.shape}); "
                "only axes of size 1 can be squeezed."
            )
    return jnp.squeeze(x, axes)


def transpose(x, axes=None):
    x = tensor(x, "transpose")
    if axes is None:
        return jnp.transpose(x)
    axes = tuple(check_axis("transpose", a, x, "axes") for a in axes)
    if sorted(axes) != list(range(x.ndim)):
        raise ValueError(
            f"transpose: `axes` must be a permutation of {tuple(range(x.ndim))}. "
            f"Received: axes={axes} for shape {x.shape}"
        )
    return jnp.transpose(x, axes)


def moveaxis(x, source, destination):
    x = tensor(x, "moveaxis")
    src = source if isinstance(source, (list, tuple)) else (source,)
    dst = destination if isinstance(destination, (list, tuple)) else (destination,)
    if len(src) != len(dst):
        raise ValueError(
            "moveaxis: `source` and `destination` must have the same number of axes. "
            f"Received: source={source}, destination={destination}"
        )
    src = [check_axis("moveaxis", a, x, "source") for a in src]
    dst = [check_axis("moveaxis", a, x, "destination") for a in dst]
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise ValueError(
            f"moveaxis: repeated axes. Received: source={source}, destination={destination}"
        )
    return jnp.moveaxis(x, src, dst)


def swapaxes(x, axis1, axis2):
    x = tensor(x, "swapaxes")
    a1 = check_axis("swapaxes", axis1, x, "axis1")
    a2 = check_axis("swapaxes", axis2, x, "axis2")
    return jnp.swapaxes(x, a1, a2)


def flip(x, axis=None):
    x = tensor(x, "flip")
    if axis is None:
        return jnp.flip(x)
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(check_axis("flip", a, x) for a in axes)
    return jnp.flip(x, axes)


def fliplr(x):
    x = tensor(x, "fliplr")
    check_min_rank("fliplr", x, 2)
    return jnp.flip(x, 1)


def flipud(x):
    x = tensor(x, "flipud")
    check_min_rank("flipud", x, 1)
    return jnp.flip(x, 0)


def roll(x, shift, axis=None):
    x = tensor(x, "roll")
    if axis is None:
        return jnp.roll(x, shift)
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    axes = tuple(check_axis("roll", a, x) for a in axes)
    shifts = shift if isinstance(shift, (list, tuple)) else (shift,)
    if len(shifts) != len(axes) and len(shifts) != 1 and len(axes) != 1:
        raise ValueError(
            f"roll: `shift` and `axis` must have the same length. Received: shift={shift}, "
            f"axis={axis}"
        )
    return jnp.roll(x, shift, axes if isinstance(axis, (list, tuple)) else axes[0])


def rot90(array, k=1, axes=(0, 1)):
    x = tensor(array, "rot90", "array")
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must hold two axes. Received: axes={axes}")
    check_min_rank("rot90", x, 2, "array")
    a = tuple(check_axis("rot90", v, x, "axes") for v in axes)
    if a[0] == a[1]:
        raise ValueError(f"rot90: the two `axes` must differ. Received: axes={axes}")
    return jnp.rot90(x, as_int("rot90", k, "k"), a)


def broadcast_to(x, shape):
    x = tensor(x, "broadcast_to")
    shape = shape_arg("broadcast_to", shape)
    if not broadcasts_to(x.shape, shape):
        raise ValueError(f"broadcast_to: cannot broadcast a tensor of shape {x.shape} to {shape}.")
    return jnp.broadcast_to(x, shape)


def tile(x, repeats):
    x = tensor(x, "tile")
    reps = repeats if isinstance(repeats, (list, tuple)) else (repeats,)
    reps = tuple(as_int("tile", r, "repeats") for r in reps)
    if any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be >= 0. Received: repeats={repeats}")
    return jnp.tile(x, reps)


def repeat(x, repeats, axis=None):
    x = tensor(x, "repeat")
    if axis is not None:
        axis = check_axis("repeat", axis, x)
    length = x.size if axis is None else x.shape[axis]
    if isinstance(repeats, (jax.Array, KerasVariable)):
        reps = tensor(repeats, "repeat", "repeats")
        if is_traced(reps):
            raise ValueError(
                "repeat: the output length depends on the values of `repeats`, a traced tensor "
                "whose values are unknown inside jax.jit; pass `repeats` as a Python int or list "
                "or a NumPy array."
            )
        total = int(jnp.sum(reps)) if reps.ndim else int(reps) * length
    else:
        if has_str(repeats):
            raise TypeError(f"repeat: `repeats` must hold integers. Received: {repeats!r:.80}")
        reps = np.asarray(repeats)  # Python data: a static argument
        total = int(reps.sum()) if reps.ndim else int(reps) * length
    if reps.dtype.kind not in "iu":
        raise TypeError(f"repeat: `repeats` must hold integers. Received dtype {reps.dtype}")
    if reps.ndim > 1 or (reps.ndim == 1 and reps.shape[0] not in (1, length)):
        raise ValueError(
            f"repeat: `repeats` must be an int or hold {length} ints (the length along axis). "
            f"Received: repeats.shape={reps.shape}"
        )
    if total < 0 or (isinstance(reps, np.ndarray) and (reps < 0).any()):
        raise ValueError(f"repeat: `repeats` must be >= 0. Received: repeats={repeats}")
    if reps.size == 1:
        return jnp.repeat(x, int(reps.reshape(())), axis=axis)
    return jnp.repeat(x, reps, axis=axis, total_repeat_length=total)


def pad(x, pad_width, mode="constant", constant_values=None):
    check_choice("pad", "mode", mode, _PAD_MODES)
    x = tensor(x, "pad")
    try:
        widths = np.broadcast_to(np.asarray(pad_width, dtype="int64"), (x.ndim, 2))
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"pad: `pad_width` must be an int, a pair or one pair per axis ({x.ndim} axes). "
            f"Received: pad_width={pad_width}"
        ) from e
    if (widths < 0).any():
        raise ValueError(f"pad: `pad_width` must be >= 0. Received: pad_width={pad_width}")
    if mode != "constant" and constant_values is not None:
        raise ValueError(
            "pad: `constant_values` can only be given with mode='constant'. "
            f"Received: mode={mode!r}, constant_values={constant_values}"
        )
    if mode == "constant":
        value = 0 if constant_values is None else constant_values
        return jnp.pad(x, pad_width, mode="constant", constant_values=value)
    if mode == "empty":
        return jnp.pad(x, pad_width, mode="constant", constant_values=0)
    return jnp.pad(x, pad_width, mode=mode)


# ----------------------------------------------------------------------------- joining


def _join_inputs(op, xs):
    if not isinstance(xs, (list, tuple)) or len(xs) == 0:
        raise ValueError(f"{op}: expected a non-empty list of tensors. Received: {xs!r:.80}")
    d = result_type(op, *xs)
    return [cast(x, d) for x in xs]


def _check_concat(op, xs, axis):
    nd = xs[0].ndim
    if nd == 0:
        raise ValueError(f"{op}: 0-d tensors cannot be concatenated.")
    axis = check_axis(op, axis, xs[0])
    for x in xs[1:]:
        if x.ndim != nd or without_axis(x.shape, axis) != without_axis(xs[0].shape, axis):
            raise ValueError(
                f"{op}: all inputs must have the same shape except along axis {axis}. "
                f"Received shapes {[tuple(x.shape) for x in xs]}"
            )
    return axis


def _concatenate(op, xs, axis):
    xs = _join_inputs(op, xs)
    if axis is None:
        return jnp.concatenate([jnp.ravel(x) for x in xs])
    return jnp.concatenate(xs, axis=_check_concat(op, xs, axis))


def concatenate(xs, axis=0):
    return _concatenate("concatenate", xs, axis)


def append(x1, x2, axis=None):
    return _concatenate("append", [x1, x2], axis)


def stack(x, axis=0):
    xs = _join_inputs("stack", x)
    shape = xs[0].shape
    if any(t.shape != shape for t in xs):
        raise ValueError(
            f"stack: all inputs must have the same shape. Received {[tuple(t.shape) for t in xs]}"
        )
    axis = canonical_axis("stack", axis, len(shape) + 1)
    return jnp.stack(xs, axis=axis)


def hstack(xs):
    xs = [jnp.atleast_1d(x) for x in _join_inputs("hstack", xs)]
    axis = 0 if xs[0].ndim == 1 else 1
    return jnp.concatenate(xs, axis=_check_concat("hstack", xs, axis))


def vstack(xs):
    xs = [jnp.atleast_2d(x) for x in _join_inputs("vstack", xs)]
    return jnp.concatenate(xs, axis=_check_concat("vstack", xs, 0))


def dstack(xs):
    xs = [jnp.atleast_3d(x) for x in _join_inputs("dstack", xs)]
    return jnp.concatenate(xs, axis=_check_concat("dstack", xs, 2))


# ----------------------------------------------------------------------------- splitting


def _split(op, x, indices_or_sections, axis, equal):
    axis = check_axis(op, axis, x)
    n = x.shape[axis]
    if isinstance(indices_or_sections, (int, np.integer)):
        sections = operator.index(indices_or_sections)
        if sections <= 0:
            raise ValueError(f"{op}: the number of sections must be > 0. Received: {sections}")
        if equal and n % sections:
            raise ValueError(
                f"{op}: an axis of length {n} cannot be split into {sections} equal sections."
            )
        if equal:
            return jnp.split(x, sections, axis=axis)
        return jnp.array_split(x, sections, axis=axis)
    points = [as_int(op, i, "indices_or_sections") for i in indices_or_sections]
    # Slicing semantics, as NumPy: indices past the end or out of order give empty pieces.
    bounds = [None] + points + [None]
    lead = (slice(None),) * axis
    return [x[lead + (slice(a, b),)] for a, b in zip(bounds[:-1], bounds[1:])]


def split(x, indices_or_sections, axis=0):
    return _split("split", tensor(x, "split"), indices_or_sections, axis, True)


def array_split(x, indices_or_sections, axis=0):
    return _split("array_split", tensor(x, "array_split"), indices_or_sections, axis, False)


def hsplit(x, indices_or_sections):
    x = tensor(x, "hsplit")
    check_min_rank("hsplit", x, 1)
    return _split("hsplit", x, indices_or_sections, 1 if x.ndim > 1 else 0, True)


def vsplit(x, indices_or_sections):
    x = tensor(x, "vsplit")
    check_min_rank("vsplit", x, 2)
    return _split("vsplit", x, indices_or_sections, 0, True)


def dsplit(x, indices_or_sections):
    x = tensor(x, "dsplit")
    check_min_rank("dsplit", x, 3)
    return _split("dsplit", x, indices_or_sections, 2, True)


# ----------------------------------------------------------------------------- other


def meshgrid(*x, indexing="xy"):
    check_choice("meshgrid", "indexing", indexing, ("xy", "ij"))
    return jnp.meshgrid(*[jnp.ravel(tensor(v, "meshgrid")) for v in x], indexing=indexing)


def copy(x):
    return jnp.array(tensor(x, "copy"), copy=True)


def view(x, dtype=None):
    x = tensor(x, "view")
    if dtype is None:
        return x
    d = dt.standardize_dtype(dtype)
    src, dst = x.dtype.itemsize, jnp.dtype(d).itemsize
    if x.dtype == bool:
        x = x.astype("uint8")
    target = "uint8" if d == "bool" else d
    if src == dst:
        out = jax.lax.bitcast_convert_type(x, target)
    elif x.ndim == 0 or (x.shape[-1] * src) % dst:
        raise ValueError(
            f"view: cannot view a tensor of shape {x.shape} and dtype {x.dtype} as {d}: the "
            "last axis must hold a whole number of the new items."
        )
    elif src > dst:
        out = jax.lax.bitcast_convert_type(x, target)
        out = jnp.reshape(out, x.shape[:-1] + (x.shape[-1] * (src // dst),))
    else:
        parts = jnp.reshape(x, x.shape[:-1] + (x.shape[-1] * src // dst, dst // src))
        out = jax.lax.bitcast_convert_type(parts, target)
    return out != 0 if d == "bool" else out
