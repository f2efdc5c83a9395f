"""The jax backend's creation, shape-manipulation, indexing, joining and splitting ops."""

import builtins
import math
import operator

import jax
import jax.numpy as jnp
import numpy as np

from keras_core.backend import config
from keras_core.backend.common import dtypes as dt
from keras_core.backend.common.dtype_rules import INDEX_DTYPE
from keras_core.backend.common.variables import KerasVariable
from keras_core.backend.jax.core import convert_to_tensor
from keras_core.backend.jax.numpy_utils import (
    as_int,
    broadcast_error,
    broadcastable,
    canonical_axis,
    cast,
    check_axis,
    check_broadcast,
    check_choice,
    check_min_rank,
    check_rank,
    dtype_of,
    float_type,
    has_str,
    is_traced,
    nonzero_indices,
    norm_axis,
    prepare,
    result_type,
    tensor,
    unary_type,
)

_PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
    "reflect", "symmetric", "wrap", "empty",
)  # fmt: skip


# ----------------------------------------------------------------------------- creation


def _shape_arg(op, shape):
    if isinstance(shape, (list, tuple)) or (hasattr(shape, "shape") and len(shape.shape) == 1):
        dims = tuple(as_int(op, d, "shape") for d in shape)
    else:
        dims = (as_int(op, shape, "shape"),)
    if builtins.any(d < 0 for d in dims):
        raise ValueError(f"{op}: `shape` must hold non-negative ints. Received: shape={shape}")
    return dims


def _creation_type(dtype, *values):
    if dtype is not None:
        return dt.standardize_dtype(dtype)
    if not values:
        return config.floatx()
    return dt.result_type(*[dtype_of(v) for v in values])


def zeros(shape, dtype=None):
    return jnp.zeros(_shape_arg("zeros", shape), _creation_type(dtype))


def ones(shape, dtype=None):
    return jnp.ones(_shape_arg("ones", shape), _creation_type(dtype))


def empty(shape, dtype=None):
    return jnp.zeros(_shape_arg("empty", shape), _creation_type(dtype))


def _full(op, shape, fill_value, dtype):
    shape = _shape_arg(op, shape)
    value = cast(fill_value, _creation_type(dtype, fill_value), op)
    if not _broadcasts_to(value.shape, shape):
        raise broadcast_error(op, value.shape, shape)
    return jnp.broadcast_to(value, shape)


def full(shape, fill_value, dtype=None):
    return _full("full", shape, fill_value, dtype)


def _like_type(x, dtype):
    return x.dtype if dtype is None else dt.standardize_dtype(dtype)


def zeros_like(x, dtype=None):
    x = tensor(x, "zeros_like")
    return jnp.zeros(x.shape, _like_type(x, dtype))


def ones_like(x, dtype=None):
    x = tensor(x, "ones_like")
    return jnp.ones(x.shape, _like_type(x, dtype))


def empty_like(x, dtype=None):
    x = tensor(x, "empty_like")
    return jnp.zeros(x.shape, _like_type(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = tensor(x, "full_like")
    return _full("full_like", x.shape, fill_value, _like_type(x, dtype))


def eye(N, M=None, k=0, dtype=None):
    N = as_int("eye", N, "N")
    M = N if M is None else as_int("eye", M, "M")
    if N < 0 or M < 0:
        raise ValueError(f"eye: `N` and `M` must be >= 0. Received: N={N}, M={M}")
    return jnp.eye(N, M, k=as_int("eye", k, "k"), dtype=_creation_type(dtype))


def identity(n, dtype=None):
    n = as_int("identity", n, "n")
    if n < 0:
        raise ValueError(f"identity: `n` must be >= 0. Received: n={n}")
    return jnp.eye(n, dtype=_creation_type(dtype))


def tri(N, M=None, k=0, dtype=None):
    N = as_int("tri", N, "N")
    M = N if M is None else as_int("tri", M, "M")
    if N < 0 or M < 0:
        raise ValueError(f"tri: `N` and `M` must be >= 0. Received: N={N}, M={M}")
    return jnp.tri(N, M, k=as_int("tri", k, "k"), dtype=_creation_type(dtype))


def arange(start, stop=None, step=1, dtype=None):
    step = 1 if step is None else step
    values = (start, step) if stop is None else (start, stop, step)
    d = _creation_type(dtype, *values)
    if isinstance(step, (int, float)) and step == 0:
        raise ValueError("arange: `step` must not be zero. Received: step=0")
    if stop is None:
        start, stop = 0, start
    if dt.is_int_dtype(d) or d == "bool":
        return jnp.arange(start, stop, step, dtype=d)
    # Computed in float64 then rounded once, as NumPy does.
    return jnp.arange(start, stop, step, dtype="float64").astype(d)


def _space_type(op, dtype, start, stop):
    return dt.standardize_dtype(dtype) if dtype is not None else float_type(op, start, stop)


def _check_num(op, num):
    num = as_int(op, num, "num")
    if num < 0:
        raise ValueError(f"{op}: `num` must be >= 0. Received: num={num}")
    return num


def _wide(d):
    return "complex128" if dt.is_complex_dtype(d) else "float64"


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num = _check_num("linspace", num)
    d = _space_type("linspace", dtype, start, stop)
    w = _wide(d)
    start, stop = cast(start, w, "linspace"), cast(stop, w, "linspace")
    check_broadcast("linspace", start, stop)
    out = jnp.linspace(start, stop, num, endpoint=endpoint, retstep=retstep, axis=axis)
    if not retstep:
        return _round_to(out, d, floor=True)
    step_type = dt.result_type(d, float)
    return _round_to(out[0], d, floor=True), out[1].astype(step_type)


def _round_to(x, d, floor=False):
    if floor and dt.is_int_dtype(d):
        x = jnp.floor(x)
    return x.astype(d)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    num = _check_num("logspace", num)
    d = _space_type("logspace", dtype, start, stop)
    w = _wide(d)
    start, stop = cast(start, w, "logspace"), cast(stop, w, "logspace")
    check_broadcast("logspace", start, stop)
    out = jnp.logspace(start, stop, num, endpoint=endpoint, base=cast(base, w), axis=axis)
    return _round_to(out, d)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    num = _check_num("geomspace", num)
    d = _space_type("geomspace", dtype, start, stop)
    w = _wide(d)
    for name, v in (("start", start), ("stop", stop)):
        if isinstance(v, (int, float)) and v == 0:
            raise ValueError(f"geomspace: `{name}` must not be zero. Received: {name}={v}")
    start, stop = cast(start, w, "geomspace"), cast(stop, w, "geomspace")
    check_broadcast("geomspace", start, stop)
    if dt.is_complex_dtype(w):
        return _round_to(jnp.geomspace(start, stop, num, endpoint=endpoint, axis=axis), d)
    out_ndim = len(jnp.broadcast_shapes(start.shape, stop.shape)) + 1
    axis = canonical_axis("geomspace", axis, out_ndim)
    sign = jnp.where(start < 0, -1.0, 1.0)
    a, b = start * sign, stop * sign
    out = jnp.logspace(jnp.log10(a), jnp.log10(b), num, endpoint=endpoint, axis=0)
    if num > 0:
        out = out.at[0].set(jnp.broadcast_to(a, out.shape[1:]))
    if num > 1 and endpoint:
        out = out.at[-1].set(jnp.broadcast_to(b, out.shape[1:]))
    return _round_to(jnp.moveaxis(out * sign, 0, axis), d)


def array(x, dtype=None):
    if isinstance(x, KerasVariable):
        x = x.value
    tensor(x, "array")  # rejects strings with a TypeError
    return jnp.array(convert_to_tensor(x, dtype=dtype), copy=True)


def copy(x):
    return jnp.array(tensor(x, "copy"), copy=True)


def _window(op, fn, x, *args):
    n = as_int(op, x, "x")
    return fn(n, *args).astype(config.floatx())


def bartlett(x):
    return _window("bartlett", jnp.bartlett, x)


def blackman(x):
    return _window("blackman", jnp.blackman, x)


def hamming(x):
    return _window("hamming", jnp.hamming, x)


def hanning(x):
    return _window("hanning", jnp.hanning, x)


def kaiser(x, beta):
    return _window("kaiser", jnp.kaiser, x, float(beta))


# ----------------------------------------------------------------------------- shape


def ndim(x):
    return tensor(x, "ndim").ndim


def size(x):
    return tensor(x, "size").size


def ravel(x):
    return jnp.ravel(tensor(x, "ravel"))


def reshape(x, new_shape):
    x = tensor(x, "reshape")
    dims = _shape_arg_unknown("reshape", new_shape)
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


def _shape_arg_unknown(op, shape):
    if isinstance(shape, (list, tuple)):
        dims = tuple(as_int(op, d, "new_shape") for d in shape)
    else:
        dims = (as_int(op, shape, "new_shape"),)
    if builtins.any(d < -1 for d in dims):
        raise ValueError(f"{op}: dimensions must be >= -1. Received: new_shape={shape}")
    return dims


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
    axes = tuple(canonical_axis("transpose", a, x.ndim, x.shape, "axes") for a in axes)
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
    src = [canonical_axis("moveaxis", a, x.ndim, x.shape, "source") for a in src]
    dst = [canonical_axis("moveaxis", a, x.ndim, x.shape, "destination") for a in dst]
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
    x = tensor(array, "rot90")
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must hold two axes. Received: axes={axes}")
    check_min_rank("rot90", x, 2, "array")
    a = tuple(check_axis("rot90", v, x, "axes") for v in axes)
    if a[0] == a[1]:
        raise ValueError(f"rot90: the two `axes` must differ. Received: axes={axes}")
    return jnp.rot90(x, as_int("rot90", k, "k"), a)


def _broadcasts_to(src, dst):
    if len(src) > len(dst):
        return False
    return builtins.all(s in (1, d) for s, d in zip(reversed(src), reversed(dst)))


def broadcast_to(x, shape):
    x = tensor(x, "broadcast_to")
    shape = _shape_arg("broadcast_to", shape)
    if not _broadcasts_to(x.shape, shape):
        raise ValueError(f"broadcast_to: cannot broadcast a tensor of shape {x.shape} to {shape}.")
    return jnp.broadcast_to(x, shape)


def tile(x, repeats):
    x = tensor(x, "tile")
    reps = repeats if isinstance(repeats, (list, tuple)) else (repeats,)
    reps = tuple(as_int("tile", r, "repeats") for r in reps)
    if builtins.any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be >= 0. Received: repeats={repeats}")
    return jnp.tile(x, reps)


def repeat(x, repeats, axis=None):
    x = tensor(x, "repeat")
    if axis is not None:
        axis = check_axis("repeat", axis, x)
    length = x.size if axis is None else x.shape[axis]
    if isinstance(repeats, (jax.Array, KerasVariable)):
        reps = tensor(repeats, "repeat")
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


def tril(x, k=0):
    x = tensor(x, "tril")
    check_min_rank("tril", x, 1)
    return jnp.tril(x, as_int("tril", k, "k"))


def triu(x, k=0):
    x = tensor(x, "triu")
    check_min_rank("triu", x, 1)
    return jnp.triu(x, as_int("triu", k, "k"))


def diag(x, k=0):
    x = tensor(x, "diag")
    check_rank("diag", x, (1, 2))
    return jnp.diag(x, as_int("diag", k, "k"))


def diagflat(x, k=0):
    return jnp.diagflat(tensor(x, "diagflat"), as_int("diagflat", k, "k"))


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = tensor(x, "diagonal")
    check_min_rank("diagonal", x, 2)
    a1 = check_axis("diagonal", axis1, x, "axis1")
    a2 = check_axis("diagonal", axis2, x, "axis2")
    if a1 == a2:
        raise ValueError(f"diagonal: axis1 and axis2 must differ. Received: {axis1}, {axis2}")
    return jnp.diagonal(x, as_int("diagonal", offset, "offset"), a1, a2)


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


# ----------------------------------------------------------------------------- indexing


def _key_part(p):
    if p is None or p is Ellipsis or isinstance(p, (slice, int)):
        return p
    if isinstance(p, KerasVariable):
        return p.value
    if isinstance(p, (list, np.ndarray)):
        if has_str(p):
            raise IndexError(f"get_item: indices must be integers or booleans. Received {p!r:.80}")
        p = np.asarray(p)  # Python/NumPy indices stay static, so boolean masks work under jit
        if p.dtype.kind not in "iub":
            raise IndexError(f"get_item: indices must be integers or booleans. Received {p.dtype}")
        return p
    if isinstance(p, jax.Array) and p.dtype.kind == "f":
        raise IndexError(f"get_item: indices must be integers or booleans. Received {p.dtype}")
    return p


def _check_int_keys(x, key):
    parts = key if isinstance(key, tuple) else (key,)
    consumed = [
        0
        if p is None or p is Ellipsis or isinstance(p, bool)
        else (p.ndim if hasattr(p, "dtype") and p.dtype == bool else 1)
        for p in parts
    ]
    if builtins.sum(consumed) > x.ndim:
        raise IndexError(
            f"get_item: too many indices for a tensor of rank {x.ndim}: {builtins.sum(consumed)}"
        )
    ell = [i for i, p in enumerate(parts) if p is Ellipsis]
    if len(ell) > 1:
        raise IndexError("get_item: an index can only have a single ellipsis ('...').")
    split = ell[0] if ell else len(parts)
    dim = 0
    for p, c in zip(parts[:split], consumed[:split]):
        _check_int_key(x, p, dim)
        dim += c
    dim = x.ndim
    for p, c in reversed(list(zip(parts[split + 1 :], consumed[split + 1 :]))):
        dim -= c
        _check_int_key(x, p, dim)


def _check_int_key(x, p, dim):
    if type(p) is int and not -x.shape[dim] <= p < x.shape[dim]:
        raise IndexError(
            f"get_item: index {p} is out of bounds for axis {dim} with size {x.shape[dim]}."
        )


def get_item(x, key):
    x = tensor(x, "get_item")
    key = tuple(_key_part(p) for p in key) if isinstance(key, tuple) else _key_part(key)
    _check_int_keys(x, key)
    return x[key]


def _int_indices(op, indices, argument="indices"):
    idx = tensor(indices, op)
    if idx.dtype.kind not in "iu":
        raise TypeError(f"{op}: `{argument}` must hold integers. Received dtype {idx.dtype}")
    return idx


def take(x, indices, axis=None):
    x = tensor(x, "take")
    idx = _int_indices("take", indices)
    if axis is None:
        return jnp.take(jnp.ravel(x), idx)
    return jnp.take(x, idx, axis=check_axis("take", axis, x))


def take_along_axis(x, indices, axis=None):
    x = tensor(x, "take_along_axis")
    idx = _int_indices("take_along_axis", indices)
    if axis is None:
        check_rank("take_along_axis", idx, (1,), "indices")
        return jnp.take_along_axis(jnp.ravel(x), idx, axis=0)
    axis = check_axis("take_along_axis", axis, x)
    if idx.ndim != x.ndim:
        raise ValueError(
            "take_along_axis: `indices` must have the rank of `x`. "
            f"Received: x.shape={x.shape}, indices.shape={idx.shape}"
        )
    rest_x, rest_i = _without_axis(x.shape, axis), _without_axis(idx.shape, axis)
    if not broadcastable(rest_x, rest_i):
        raise broadcast_error("take_along_axis", x.shape, idx.shape)
    common = [b if a == 1 else a for a, b in zip(rest_x, rest_i)]
    x_shape = tuple(common[:axis]) + (x.shape[axis],) + tuple(common[axis:])
    i_shape = tuple(common[:axis]) + (idx.shape[axis],) + tuple(common[axis:])
    return jnp.take_along_axis(
        jnp.broadcast_to(x, x_shape), jnp.broadcast_to(idx, i_shape), axis=axis
    )


def where(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return nonzero_indices("where", condition)
    if x1 is None or x2 is None:
        raise ValueError("where: either both or neither of `x1` and `x2` must be given.")
    cond = tensor(condition, "where")
    d = result_type("where", x1, x2)
    a, b = prepare("where", d, x1, x2)
    check_broadcast("where", cond, a, b)
    out = jnp.where(cond, a, b)
    return out if out.dtype == d else out.astype(d)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: `condlist` and `choicelist` must have the same length. "
            f"Received: {len(condlist)} and {len(choicelist)}"
        )
    if len(condlist) == 0:
        raise ValueError("select: `condlist` must not be empty.")
    conds = [tensor(c, "select") for c in condlist]
    for c in conds:
        if c.dtype != bool:
            raise TypeError(f"select: `condlist` must hold booleans. Received dtype {c.dtype}")
    d = result_type("select", *choicelist, default)
    choices = prepare("select", d, *choicelist, default)
    check_broadcast("select", *conds, *choices)
    out = jnp.select(conds, choices[:-1], choices[-1])
    return out if out.dtype == d else out.astype(d)


def unravel_index(indices, shape):
    idx = _int_indices("unravel_index", indices)
    shape = _shape_arg("unravel_index", shape)
    return tuple(i.astype(INDEX_DTYPE) for i in jnp.unravel_index(idx, shape))


# ----------------------------------------------------------------------------- joining


def _join_inputs(op, xs):
    if not isinstance(xs, (list, tuple)) or len(xs) == 0:
        raise ValueError(f"{op}: expected a non-empty list of tensors. Received: {xs!r:.80}")
    d = result_type(op, *xs)
    return [cast(x, d, op) for x in xs]


def _check_concat(op, xs, axis):
    nd = xs[0].ndim
    if nd == 0:
        raise ValueError(f"{op}: 0-d tensors cannot be concatenated.")
    axis = canonical_axis(op, axis, nd, xs[0].shape)
    for x in xs[1:]:
        if x.ndim != nd or _without_axis(x.shape, axis) != _without_axis(xs[0].shape, axis):
            raise ValueError(
                f"{op}: all inputs must have the same shape except along axis {axis}. "
                f"Received shapes {[tuple(x.shape) for x in xs]}"
            )
    return axis


def _without_axis(shape, axis):
    return tuple(shape[:axis]) + tuple(shape[axis + 1 :])


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
    if builtins.any(t.shape != shape for t in xs):
        raise ValueError(
            f"stack: all inputs must have the same shape. Received {[tuple(t.shape) for t in xs]}"
        )
    axis = canonical_axis("stack", axis, len(shape) + 1, None)
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


def meshgrid(*x, indexing="xy"):
    check_choice("meshgrid", "indexing", indexing, ("xy", "ij"))
    return jnp.meshgrid(*[jnp.ravel(tensor(v, "meshgrid")) for v in x], indexing=indexing)


def vander(x, N=None, increasing=False):
    x = tensor(x, "vander")
    check_rank("vander", x, (1,))
    if N is not None and as_int("vander", N, "N") < 0:
        raise ValueError(f"vander: `N` must be >= 0. Received: N={N}")
    return jnp.vander(cast(x, unary_type("vander", x)), N, increasing=increasing)


# ----------------------------------------------------------------------------- bits and functions


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


def vectorize(pyfunc, *, excluded=None, signature=None):
    return jnp.vectorize(pyfunc, excluded=frozenset(excluded or ()), signature=signature)


__all__ = [
    "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like",
    "eye", "identity", "tri", "arange", "linspace", "logspace", "geomspace", "array", "copy",
    "bartlett", "blackman", "hamming", "hanning", "kaiser", "ndim", "size", "ravel", "reshape",
    "expand_dims", "squeeze", "transpose", "moveaxis", "swapaxes", "flip", "fliplr", "flipud",
    "roll", "rot90", "broadcast_to", "tile", "repeat", "tril", "triu", "diag", "diagflat",
    "diagonal", "pad", "get_item", "take", "take_along_axis", "where", "select",
    "unravel_index", "concatenate", "append", "stack", "hstack", "vstack", "dstack", "split",
    "array_split", "hsplit", "vsplit", "dsplit", "meshgrid", "vander", "view", "vectorize",
]  # fmt: skip
