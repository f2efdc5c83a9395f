"""The torch backend's NumPy shape ops (reshape, transpose, concatenate, split, pad, ...).

The ops declared in ``keras_core/ops/numpy/shape.py``; ``numpy.py`` gathers them.
"""

import builtins

import numpy as np
import torch

from keras_core.backend.torch import op_helpers as b

UNSUPPORTED = {}


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


# ---------------------------------------------------------------- basic reshaping
def reshape(x, new_shape):
    t = b.tensor(x, "reshape")
    if isinstance(new_shape, (int, np.integer)):
        new_shape = (new_shape,)
    shape = tuple(int(s) for s in new_shape)
    if builtins.sum(1 for s in shape if s == -1) > 1 or builtins.any(s < -1 for s in shape):
        raise ValueError(
            f"reshape: invalid new_shape {shape}; at most one -1 and no other negatives."
        )
    try:
        return t.reshape(shape)
    except RuntimeError:
        raise ValueError(
            f"reshape: cannot reshape a tensor of shape {tuple(t.shape)} "
            f"({t.numel()} elements) into shape {shape}."
        ) from None


def ravel(x):
    return b.tensor(x, "ravel").reshape(-1)


def transpose(x, axes=None):
    t = b.tensor(x, "transpose")
    if axes is None:
        return t.permute(tuple(range(t.ndim - 1, -1, -1)))
    perm = tuple(b.canonical_axis("transpose", a, t.ndim) for a in axes)
    if sorted(perm) != list(range(t.ndim)):
        raise ValueError(
            f"transpose: `axes` must be a permutation of the {t.ndim} axes of a tensor of "
            f"shape {tuple(t.shape)}; received {tuple(axes)}."
        )
    return t.permute(perm)


def expand_dims(x, axis):
    t = b.tensor(x, "expand_dims")
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    ndim = t.ndim + len(axes)
    norm = sorted(b.canonical_axis("expand_dims", a, ndim) for a in axes)
    if len(set(norm)) != len(norm):
        raise ValueError(f"expand_dims: repeated axis in axis={axis!r}.")
    for a in norm:
        t = t.unsqueeze(a)
    return t


def squeeze(x, axis=None):
    t = b.tensor(x, "squeeze")
    if axis is None:
        return t.reshape(tuple(s for s in t.shape if s != 1))
    axes = b.canonical_axes("squeeze", axis, t.ndim)
    for a in axes:
        if t.shape[a] != 1:
            raise ValueError(
                f"squeeze: cannot squeeze axis {a} of size {t.shape[a]} "
                f"(shape {tuple(t.shape)}); only axes of size 1 can be squeezed."
            )
    return t.reshape(tuple(s for d, s in enumerate(t.shape) if d not in axes))


def moveaxis(x, source, destination):
    t = b.tensor(x, "moveaxis")
    src = source if isinstance(source, (list, tuple)) else (source,)
    dst = destination if isinstance(destination, (list, tuple)) else (destination,)
    if len(src) != len(dst):
        raise ValueError(
            "moveaxis: `source` and `destination` must have the same number of axes; "
            f"received {source!r} and {destination!r}."
        )
    src = b.canonical_axes("moveaxis", tuple(src), t.ndim, "source")
    dst = b.canonical_axes("moveaxis", tuple(dst), t.ndim, "destination")
    return torch.movedim(t, src, dst)


def swapaxes(x, axis1, axis2):
    t = b.tensor(x, "swapaxes")
    return torch.swapaxes(
        t,
        b.canonical_axis("swapaxes", axis1, t.ndim, "axis1"),
        b.canonical_axis("swapaxes", axis2, t.ndim, "axis2"),
    )


def broadcast_to(x, shape):
    t = b.tensor(x, "broadcast_to")
    shape = b.shape_tuple("broadcast_to", shape)
    try:
        return torch.broadcast_to(t, shape)
    except RuntimeError:
        raise ValueError(
            f"broadcast_to: cannot broadcast a tensor of shape {tuple(t.shape)} to shape {shape}."
        ) from None


def copy(x):
    return b.tensor(x, "copy").clone()


def size(x):
    return b.tensor(x, "size").numel()


def ndim(x):
    return b.tensor(x, "ndim").ndim


def view(x, dtype=None):
    t = b.tensor(x, "view")
    if dtype is None:
        return t.view(t.dtype)
    nat = b.native(dtype)
    try:
        return t.view(nat)
    except RuntimeError as e:
        raise ValueError(
            f"view: cannot view a tensor of shape {tuple(t.shape)} and dtype {b.name(t)} "
            f"as {b.NAMES[nat]}: {e}"
        ) from None


# ---------------------------------------------------------------- flips and rolls
def flip(x, axis=None):
    t = b.tensor(x, "flip")
    dims = b.canonical_axes("flip", axis, t.ndim)
    return b.on_wide(torch.flip, t, dims) if dims else t.clone()


def fliplr(x):
    t = b.tensor(x, "fliplr")
    if t.ndim < 2:
        raise ValueError(f"fliplr: `x` must be at least 2-D; received shape {tuple(t.shape)}.")
    return flip(t, 1)


def flipud(x):
    t = b.tensor(x, "flipud")
    if t.ndim < 1:
        raise ValueError("flipud: `x` must be at least 1-D; received a 0-d tensor.")
    return flip(t, 0)


def rot90(array, k=1, axes=(0, 1)):
    t = b.tensor(array, "rot90")
    if t.ndim < 2:
        raise ValueError(f"rot90: `array` must be at least 2-D; received shape {tuple(t.shape)}.")
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must hold exactly 2 axes; received {axes!r}.")
    dims = b.canonical_axes("rot90", tuple(axes), t.ndim, "axes")
    return b.on_wide(torch.rot90, t, int(k), dims)


def roll(x, shift, axis=None):
    t = b.tensor(x, "roll")
    shifts = tuple(int(s) for s in shift) if isinstance(shift, (list, tuple)) else int(shift)
    if axis is None:
        if isinstance(shifts, tuple):
            shifts = builtins.sum(shifts)
        return torch.roll(t.reshape(-1), shifts, 0).reshape(t.shape)
    ax = axis if isinstance(axis, (list, tuple)) else (axis,)
    dims = tuple(b.canonical_axis("roll", a, t.ndim) for a in ax)
    shifts = shifts if isinstance(shifts, tuple) else (shifts,) * len(dims)
    if len(dims) == 1 and len(shifts) > 1:
        dims = dims * len(shifts)
    if len(shifts) != len(dims):
        raise ValueError(
            f"roll: `shift` and `axis` must have the same length; got {shift!r}, {axis!r}."
        )
    return torch.roll(t, shifts, dims)


# ---------------------------------------------------------------- repetition
def tile(x, repeats):
    t = b.tensor(x, "tile")
    reps = b.shape_tuple("tile", repeats, "repeats")
    return torch.tile(t, reps) if reps else t.clone()


def repeat(x, repeats, axis=None):
    t = b.tensor(x, "repeat")
    if axis is None:
        t, ax = t.reshape(-1), 0
    else:
        ax = b.canonical_axis("repeat", axis, t.ndim)
    reps = b.tensor(repeats, "repeat", "repeats")
    if reps.dtype not in b.INTS or reps.ndim > 1:
        raise TypeError(f"repeat: `repeats` must be an int or a 1-D int sequence; got {repeats!r}.")
    reps = reps.to(torch.int64)
    if reps.numel() and bool((reps < 0).any()):
        raise ValueError(f"repeat: `repeats` must be non-negative; received {repeats!r}.")
    if reps.ndim == 1 and reps.shape[0] not in (1, t.shape[ax]):
        raise ValueError(
            f"repeat: `repeats` has length {reps.shape[0]} but the axis has size {t.shape[ax]}."
        )
    if reps.ndim == 1 and reps.shape[0] == 1:
        reps = reps[0]
    return b.on_wide(torch.repeat_interleave, t, reps, dim=ax)


# ---------------------------------------------------------------- joining
def _joinable(op, xs):
    if isinstance(xs, b.Tensor) or not isinstance(xs, (list, tuple)):
        xs = list(b.tensor(xs, op, "xs"))
    if not xs:
        raise ValueError(f"{op}: need at least one tensor to join; received an empty sequence.")
    dtype = b.result_type(op, *xs)
    return [b.as_dtype(v, dtype, op, "xs") for v in xs]


def _cat(op, ts, axis):
    if ts[0].ndim == 0:
        raise ValueError(f"{op}: zero-dimensional tensors cannot be concatenated.")
    ax = b.canonical_axis(op, axis, ts[0].ndim)
    for t in ts[1:]:
        if t.ndim != ts[0].ndim or builtins.any(
            d != ax and s != ts[0].shape[d] for d, s in enumerate(t.shape)
        ):
            shapes = [tuple(v.shape) for v in ts]
            raise ValueError(
                f"{op}: all input shapes must match except along axis {axis}; received {shapes}."
            )
    return torch.cat(ts, dim=ax)


def concatenate(xs, axis=0):
    ts = _joinable("concatenate", xs)
    if axis is None:
        return torch.cat([t.reshape(-1) for t in ts])
    return _cat("concatenate", ts, axis)


def append(x1, x2, axis=None):
    ts = _joinable("append", [x1, x2])
    if axis is None:
        return torch.cat([t.reshape(-1) for t in ts])
    return _cat("append", ts, axis)


def stack(x, axis=0):
    ts = _joinable("stack", x)
    shapes = {tuple(t.shape) for t in ts}
    if len(shapes) > 1:
        raise ValueError(f"stack: all input tensors must have the same shape; received {shapes}.")
    ax = b.canonical_axis("stack", axis, ts[0].ndim + 1)
    return torch.stack(ts, dim=ax)


def hstack(xs):
    ts = [t.reshape(1) if t.ndim == 0 else t for t in _joinable("hstack", xs)]
    return _cat("hstack", ts, 0 if ts[0].ndim == 1 else 1)


def vstack(xs):
    ts = [_at_least_2d(t) for t in _joinable("vstack", xs)]
    return _cat("vstack", ts, 0)


def dstack(xs):
    ts = [_at_least_3d(t) for t in _joinable("dstack", xs)]
    return _cat("dstack", ts, 2)


def _at_least_2d(t):
    return t.reshape(1, -1) if t.ndim < 2 else t


def _at_least_3d(t):
    if t.ndim == 0:
        return t.reshape(1, 1, 1)
    if t.ndim == 1:
        return t.reshape(1, -1, 1)
    return t.unsqueeze(-1) if t.ndim == 2 else t


# ---------------------------------------------------------------- splitting
def _split(op, t, indices_or_sections, ax, even):
    n = t.shape[ax]
    if isinstance(indices_or_sections, (int, np.integer)) and not isinstance(
        indices_or_sections, bool
    ):
        k = int(indices_or_sections)
        if k <= 0:
            raise ValueError(f"{op}: the number of sections must be positive; received {k}.")
        if even and n % k:
            raise ValueError(
                f"{op}: the tensor of size {n} along axis {ax} does not split into {k} equal parts."
            )
        sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
        bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    else:
        idx = indices_or_sections
        idx = idx.tolist() if isinstance(idx, (b.Tensor, np.ndarray)) else list(idx)
        bounds = [0] + [int(i) for i in idx] + [n]
    lead = (slice(None),) * ax
    return [t[lead + (slice(s, e),)] for s, e in zip(bounds[:-1], bounds[1:])]


def split(x, indices_or_sections, axis=0):
    t = b.tensor(x, "split")
    return _split("split", t, indices_or_sections, b.canonical_axis("split", axis, t.ndim), True)


def array_split(x, indices_or_sections, axis=0):
    t = b.tensor(x, "array_split")
    return _split(
        "array_split", t, indices_or_sections, b.canonical_axis("array_split", axis, t.ndim), False
    )


def hsplit(x, indices_or_sections):
    t = b.tensor(x, "hsplit")
    if t.ndim == 0:
        raise ValueError("hsplit: `x` must be at least 1-D; received a 0-d tensor.")
    return _split("hsplit", t, indices_or_sections, 1 if t.ndim > 1 else 0, True)


def vsplit(x, indices_or_sections):
    t = b.tensor(x, "vsplit")
    if t.ndim < 2:
        raise ValueError(f"vsplit: `x` must be at least 2-D; received shape {tuple(t.shape)}.")
    return _split("vsplit", t, indices_or_sections, 0, True)


def dsplit(x, indices_or_sections):
    t = b.tensor(x, "dsplit")
    if t.ndim < 3:
        raise ValueError(f"dsplit: `x` must be at least 3-D; received shape {tuple(t.shape)}.")
    return _split("dsplit", t, indices_or_sections, 2, True)


# ---------------------------------------------------------------- padding
def _pad_widths(pad_width, ndim):
    pw = pad_width.tolist() if isinstance(pad_width, (b.Tensor, np.ndarray)) else pad_width
    arr = np.asarray(pw, dtype=object)
    if arr.ndim == 0:
        pairs = [(int(pw), int(pw))] * ndim
    elif arr.ndim == 1 and len(arr) in (1, 2):
        pairs = [(int(arr[0]), int(arr[-1]))] * ndim
    elif arr.ndim == 2 and arr.shape[1] == 2 and arr.shape[0] in (1, ndim):
        pairs = [(int(p[0]), int(p[1])) for p in arr]
        pairs = pairs * ndim if len(pairs) == 1 else pairs
    else:
        raise ValueError(
            f"pad: `pad_width` must be an int, a pair, or one pair per axis ({ndim}); "
            f"received {pad_width!r}."
        )
    if builtins.any(p < 0 for pair in pairs for p in pair):
        raise ValueError(f"pad: `pad_width` must be non-negative; received {pad_width!r}.")
    return pairs


def _pad_index(mode, n, before, after):
    i = torch.arange(-before, n + after)
    if mode == "edge":
        return i.clamp(0, n - 1)
    if mode == "wrap":
        return torch.remainder(i, n)
    if mode == "symmetric":
        j = torch.remainder(i, 2 * n)
        return torch.where(j < n, j, 2 * n - 1 - j)
    if n == 1:
        return torch.zeros_like(i)
    period = 2 * (n - 1)
    j = torch.remainder(i, period)
    return torch.where(j < n, j, period - j)


def _pad_block(t, ax, count, value):
    shape = list(t.shape)
    shape[ax] = count
    return (
        value.expand(shape)
        if isinstance(value, b.Tensor)
        else torch.full(shape, value, dtype=t.dtype)
    )


def _pad_stat(mode, t, ax):
    if mode in ("maximum", "minimum"):
        fn = torch.amax if mode == "maximum" else torch.amin
        return b.narrow_order(fn(b.widen_order(t), dim=ax, keepdim=True), t.dtype)
    f = b.half_to_float(t) if t.dtype in b.INEXACT else t.to(torch.float64)
    stat = f.mean(dim=ax, keepdim=True) if mode == "mean" else f.quantile(0.5, dim=ax, keepdim=True)
    return (stat if t.dtype in b.INEXACT else torch.round(stat)).to(t.dtype)


def _linear_ramp(t, ax, before, after, end_values):
    n = t.shape[ax]
    lo_end, hi_end = end_values
    edge_lo = t.narrow(ax, 0, 1).to(torch.float64)
    edge_hi = t.narrow(ax, n - 1, 1).to(torch.float64)

    def ramp(edge, end, count, rising):
        steps = torch.arange(count, dtype=torch.float64) / count if count else torch.zeros(0)
        shape = [1] * t.ndim
        shape[ax] = count
        steps = steps.reshape(shape)
        out = end + (edge - end) * steps
        return out if rising else out.flip(ax)

    parts = [
        ramp(edge_lo, lo_end, before, True),
        t.to(torch.float64),
        ramp(edge_hi, hi_end, after, False),
    ]
    out = torch.cat(parts, dim=ax)
    if t.dtype not in b.INEXACT:
        out = torch.floor(out)
    return out.to(t.dtype)


def pad(x, pad_width, mode="constant", constant_values=None):
    t = b.tensor(x, "pad")
    if mode not in _PAD_MODES:
        raise ValueError(f"pad: `mode` must be one of {_PAD_MODES}; received {mode!r}.")
    if constant_values is not None and mode != "constant":
        raise ValueError(
            f"pad: `constant_values` is only used with mode='constant'; got mode={mode!r}."
        )
    pairs = _pad_widths(pad_width, t.ndim)
    for ax, (before, after) in enumerate(pairs):
        if before == 0 and after == 0:
            continue
        t = _pad_axis(t, ax, before, after, mode, constant_values)
    return t if t.ndim else t.clone()


def _pad_axis(t, ax, before, after, mode, constant_values):
    n = t.shape[ax]
    if mode in ("constant", "empty"):
        value = 0 if constant_values is None or mode == "empty" else constant_values
        if isinstance(value, (b.Tensor, np.ndarray, list, tuple)):
            value = b.as_dtype(value, b.name(t), "pad", "constant_values")
            if value.numel() != 1:
                raise ValueError(
                    f"pad: `constant_values` must be a scalar; received {value.shape}."
                )
            value = value.reshape([1] * t.ndim)
        return torch.cat([_pad_block(t, ax, before, value), t, _pad_block(t, ax, after, value)], ax)
    if n == 0:
        raise ValueError(f"pad: cannot pad an empty axis with mode={mode!r}.")
    if mode == "linear_ramp":
        return _linear_ramp(t, ax, before, after, (0, 0))
    if mode in ("maximum", "minimum", "mean", "median"):
        stat = _pad_stat(mode, t, ax)
        return torch.cat([_pad_block(t, ax, before, stat), t, _pad_block(t, ax, after, stat)], ax)
    return b.on_wide(torch.index_select, t, ax, _pad_index(mode, n, before, after))


# ---------------------------------------------------------------- grids
def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: `indexing` must be 'xy' or 'ij'; received {indexing!r}.")
    ts = [b.tensor(v, "meshgrid").reshape(-1) for v in x]
    dims = list(range(len(ts)))
    if indexing == "xy" and len(ts) > 1:
        dims[0], dims[1] = 1, 0
    shape = [0] * len(ts)
    for t, d in zip(ts, dims):
        shape[d] = t.shape[0]
    out = []
    for t, d in zip(ts, dims):
        view = [1] * len(ts)
        view[d] = -1
        out.append(t.reshape(view).expand(shape).clone())
    return out
