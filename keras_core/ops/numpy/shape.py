"""Shape manipulation: reshaping, transposing, joining, splitting, tiling, flipping, padding."""

from typing import Any

import numpy as np

from keras_core import backend
from keras_core.backend.common.dtypes import standardize_dtype
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.numpy._base import (
    as_int,
    choice,
    kt,
    multiply_dims,
    ndim_of,
    one_axis,
    op_class,
    promote,
    same_dtype,
    shape_arg,
    shape_of,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy
_PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
    "symmetric", "wrap", "empty", "circular",
)  # fmt: skip


def _same_shape(x, **config):
    return kt(shape_of(x), same_dtype(x))


# ----------------------------------------------------------------------------- specs


def _reshape_spec(x, new_shape):
    shape = shape_of(x)
    total = multiply_dims(*shape)
    known = multiply_dims(*[d for d in new_shape if d != -1])
    out = []
    for d in new_shape:
        if d == -1:
            out.append(None if total is None or not known else total // known)
        else:
            out.append(d)
    return kt(out, same_dtype(x))


def _transpose_spec(x, axes=None):
    shape = shape_of(x)
    axes = tuple(reversed(range(len(shape)))) if axes is None else axes
    return kt([shape[a] for a in axes], same_dtype(x))


def _expand_dims_spec(x, axis):
    shape = list(shape_of(x))
    for a in sorted(axis):
        shape.insert(a, 1)
    return kt(shape, same_dtype(x))


def _squeeze_spec(x, axis=None):
    shape = shape_of(x)
    if axis is None:
        return kt([d for d in shape if d != 1], same_dtype(x))
    return kt([d for i, d in enumerate(shape) if i not in axis], same_dtype(x))


def _swapaxes_spec(x, axis1, axis2):
    shape = list(shape_of(x))
    shape[axis1], shape[axis2] = shape[axis2], shape[axis1]
    return kt(shape, same_dtype(x))


def _moveaxis_spec(x, source, destination):
    shape = shape_of(x)
    order = [i for i in range(len(shape)) if i not in source]
    for dst, src in sorted(zip(destination, source)):
        order.insert(dst, src)
    return kt([shape[i] for i in order], same_dtype(x))


def _merge_dims(op, dims):
    known = {d for d in dims if d is not None}
    if len(known) > 1:
        raise ValueError(f"{op}: the inputs' shapes do not match: sizes {sorted(known)}.")
    return known.pop() if known else None


def _join_shapes(op, shapes, axis):
    ranks = {len(s) for s in shapes}
    if len(ranks) != 1:
        raise ValueError(f"{op}: all inputs must have the same rank. Received shapes {shapes}")
    out = []
    for i in range(len(shapes[0])):
        dims = [s[i] for s in shapes]
        if i == axis:
            out.append(None if None in dims else sum(dims))
        else:
            out.append(_merge_dims(op, dims))
    return out


def _concatenate_spec(xs, axis=0):
    if axis is None:
        return _flat_concat_spec(xs)
    shapes = [shape_of(x) for x in xs]
    return kt(_join_shapes("concatenate", shapes, axis), promote(*xs))


def _flat_concat_spec(xs, axis=None):
    sizes = [multiply_dims(*shape_of(x)) for x in xs]
    return kt((None if None in sizes else sum(sizes),), promote(*xs))


def _stack_spec(x, axis=0):
    shapes = [shape_of(v) for v in x]
    base = [_merge_dims("stack", [s[i] for s in shapes]) for i in range(len(shapes[0]))]
    base.insert(axis, len(x))
    return kt(base, promote(*x))


def _atleast(shape, rank):
    shape = tuple(shape)
    if len(shape) >= rank:
        return shape
    if rank == 1:
        return (1,)
    if rank == 2:
        return (1,) * (2 - len(shape)) + shape
    return {0: (1, 1, 1), 1: (1,) + shape + (1,), 2: shape + (1,)}[len(shape)]


def _hstack_spec(xs):
    shapes = [shape_of(x) for x in xs]
    axis = 0 if len(shapes[0]) <= 1 else 1
    shapes = [_atleast(s, 1) for s in shapes]
    return kt(_join_shapes("hstack", shapes, axis), promote(*xs))


def _vstack_spec(xs):
    shapes = [_atleast(shape_of(x), 2) for x in xs]
    return kt(_join_shapes("vstack", shapes, 0), promote(*xs))


def _dstack_spec(xs):
    shapes = [_atleast(shape_of(x), 3) for x in xs]
    return kt(_join_shapes("dstack", shapes, 2), promote(*xs))


def _append_spec(x1, x2, axis=None):
    if axis is None:
        return _flat_concat_spec([x1, x2])
    return kt(_join_shapes("append", [shape_of(x1), shape_of(x2)], axis), promote(x1, x2))


def _section_sizes(op, n, ios, exact):
    """The sizes of the pieces of an axis of size ``n`` (None if unknown)."""
    if isinstance(ios, int):
        if n is None:
            return [None] * ios
        if exact:
            if n % ios:
                raise ValueError(
                    f"{op}: an axis of size {n} cannot be split into {ios} equal sections."
                )
            return [n // ios] * ios
        q, r = divmod(n, ios)
        return [q + 1] * r + [q] * (ios - r)
    bounds = [0] + list(ios) + [None]
    if n is None:
        # The size of a piece [a:b] depends on whether the axis reaches b.
        return [0 if (b is not None and 0 <= b <= a) else None for a, b in zip(bounds, bounds[1:])]
    return [len(range(*slice(a, b).indices(n))) for a, b in zip(bounds[:-1], bounds[1:])]


def _split_spec_factory(op, exact):
    def spec(x, indices_or_sections, axis=0):
        shape = list(shape_of(x))
        sizes = _section_sizes(op, shape[axis], indices_or_sections, exact)
        outs = []
        for s in sizes:
            piece = list(shape)
            piece[axis] = s
            outs.append(kt(piece, same_dtype(x)))
        return outs

    return spec


def _tile_spec(x, repeats):
    shape = tuple(shape_of(x))
    reps = tuple(repeats)
    n = max(len(shape), len(reps))
    shape = (1,) * (n - len(shape)) + shape
    reps = (1,) * (n - len(reps)) + reps
    return kt([None if d is None else d * r for d, r in zip(shape, reps)], same_dtype(x))


def _repeat_spec(x, repeats, axis=None):
    shape = list(shape_of(x))
    if np.ndim(repeats) == 0:
        r = int(np.asarray(repeats))
        n = multiply_dims(*shape) if axis is None else shape[axis]
        total = None if n is None else n * r
    else:
        total = int(np.sum(np.asarray(repeats)))
    if axis is None:
        return kt((total,), same_dtype(x))
    shape[axis] = total
    return kt(shape, same_dtype(x))


def _rot90_spec(array, k=1, axes=(0, 1)):
    shape = list(shape_of(array))
    if k % 2:
        shape[axes[0]], shape[axes[1]] = shape[axes[1]], shape[axes[0]]
    return kt(shape, same_dtype(array))


def _pad_spec(x, pad_width, mode="constant", constant_values=None):
    shape = shape_of(x)
    return kt(
        [None if d is None else d + b + a for d, (b, a) in zip(shape, pad_width)], same_dtype(x)
    )


def _view_spec(x, dtype=None):
    if dtype is None:
        return _same_shape(x)
    src = np.dtype(_itemsize_dtype(x.dtype)).itemsize
    dst = np.dtype(_itemsize_dtype(dtype)).itemsize
    shape = list(shape_of(x))
    if src != dst:
        if not shape:
            raise ValueError("view: a 0-d tensor can only be viewed as a dtype of the same size.")
        last = shape[-1]
        if last is not None:
            if (last * src) % dst:
                raise ValueError(
                    f"view: the last axis ({last} x {src} bytes) is not a multiple of {dst} bytes."
                )
            shape[-1] = last * src // dst
    return kt(shape, dtype)


def _itemsize_dtype(name):
    return {"bfloat16": "float16", "bool": "uint8"}.get(name, name)


def _meshgrid_spec(*x, indexing="xy"):
    sizes = [multiply_dims(*shape_of(v)) for v in x]
    shape = list(sizes)
    if indexing == "xy" and len(shape) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    return [kt(shape, same_dtype(v)) for v in x]


def _scalar_int_spec(x):
    return kt((), "int32")


Reshape = op_class("Reshape", "reshape", _reshape_spec)
Ravel = op_class("Ravel", "ravel", lambda x: kt((multiply_dims(*shape_of(x)),), same_dtype(x)))
Transpose = op_class("Transpose", "transpose", _transpose_spec)
ExpandDims = op_class("ExpandDims", "expand_dims", _expand_dims_spec)
Squeeze = op_class("Squeeze", "squeeze", _squeeze_spec)
Swapaxes = op_class("Swapaxes", "swapaxes", _swapaxes_spec)
Moveaxis = op_class("Moveaxis", "moveaxis", _moveaxis_spec)
BroadcastTo = op_class("BroadcastTo", "broadcast_to", lambda x, shape: kt(shape, same_dtype(x)))
Concatenate = op_class("Concatenate", "concatenate", _concatenate_spec)
Stack = op_class("Stack", "stack", _stack_spec)
Hstack = op_class("Hstack", "hstack", _hstack_spec)
Vstack = op_class("Vstack", "vstack", _vstack_spec)
Dstack = op_class("Dstack", "dstack", _dstack_spec)
Append = op_class("Append", "append", _append_spec)
Split = op_class("Split", "split", _split_spec_factory("split", True))
ArraySplit = op_class("ArraySplit", "array_split", _split_spec_factory("array_split", False))
Hsplit = op_class(
    "Hsplit",
    "hsplit",
    _split_spec_factory("hsplit", True),
    call=lambda c, x: _bnp.hsplit(x, c["indices_or_sections"]),
)
Vsplit = op_class(
    "Vsplit",
    "vsplit",
    _split_spec_factory("vsplit", True),
    call=lambda c, x: _bnp.vsplit(x, c["indices_or_sections"]),
)
Dsplit = op_class(
    "Dsplit",
    "dsplit",
    _split_spec_factory("dsplit", True),
    call=lambda c, x: _bnp.dsplit(x, c["indices_or_sections"]),
)
Tile = op_class("Tile", "tile", _tile_spec)
Repeat = op_class("Repeat", "repeat", _repeat_spec)
Flip = op_class("Flip", "flip", _same_shape)
Fliplr = op_class("Fliplr", "fliplr", _same_shape)
Flipud = op_class("Flipud", "flipud", _same_shape)
Roll = op_class("Roll", "roll", _same_shape)
Rot90 = op_class("Rot90", "rot90", _rot90_spec)
Pad = op_class("Pad", "pad", _pad_spec)
Ndim = op_class("Ndim", "ndim", _scalar_int_spec)
Size = op_class("Size", "size", _scalar_int_spec)
View = op_class("View", "view", _view_spec)
Copy = op_class("Copy", "copy", _same_shape)
Meshgrid = op_class("Meshgrid", "meshgrid", _meshgrid_spec)


# ----------------------------------------------------------------------------- helpers


def _axes_tuple(op, axis, ndim, arg="axis"):
    """An int or a sequence of ints as a tuple of non-negative axes (order kept)."""
    values = axis if isinstance(axis, (list, tuple)) else (axis,)
    out = tuple(one_axis(op, a, ndim, arg) for a in values)
    if len(set(out)) != len(out):
        raise ValueError(f"{op}: `{arg}` has repeated axes. Received: {arg}={axis}")
    return out


def _check_list(op, xs, arg="xs"):
    if not isinstance(xs, (list, tuple)) or not xs:
        raise ValueError(f"{op}: `{arg}` must be a non-empty list of tensors. Received: {xs!r:.80}")
    return list(xs)


def _indices_or_sections(op, ios):
    if isinstance(ios, KerasTensor):
        raise TypeError(f"{op}: `indices_or_sections` must be static (an int or a list of ints).")
    if isinstance(ios, (list, tuple, np.ndarray)):
        return [as_int(op, i, "indices_or_sections") for i in np.asarray(ios).tolist()]
    ios = as_int(op, ios, "indices_or_sections")
    if ios <= 0:
        raise ValueError(f"{op}: the number of sections must be > 0. Received: {ios}")
    return ios


# ----------------------------------------------------------------------------- public ops


def reshape(x: Tensor, new_shape: tuple) -> Tensor:
    """Gives ``x`` a new shape with the same number of elements (row-major order).

    Args:
        x: a tensor.
        new_shape: the new shape; one entry may be -1 (inferred).

    Returns:
        A tensor of shape ``new_shape`` and the dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.reshape([1, 2, 3, 4], (2, -1))).tolist()
    [[1, 2], [3, 4]]
    """
    new_shape = shape_arg("reshape", new_shape, "new_shape")
    if sum(1 for d in new_shape if d == -1) > 1 or any(d < -1 for d in new_shape):
        raise ValueError(
            f"reshape: `new_shape` may hold one -1 and no other negative size. "
            f"Received: new_shape={new_shape}"
        )
    if any_symbolic_tensors((x,)):
        total, known = multiply_dims(*x.shape), multiply_dims(*[d for d in new_shape if d != -1])
        if total is not None and (
            (-1 not in new_shape and total != known)
            or (-1 in new_shape and known and total % known)
        ):
            raise ValueError(
                f"reshape: cannot reshape a tensor of shape {x.shape} into shape {new_shape}."
            )
        return Reshape(new_shape=new_shape).symbolic_call(x)
    return _bnp.reshape(x, new_shape)


def ravel(x: Tensor) -> Tensor:
    """Flattens ``x`` to 1-D in row-major order.

    Args:
        x: a tensor.

    Returns:
        A 1-D tensor with the elements of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ravel([[1, 2], [3, 4]])).tolist()
    [1, 2, 3, 4]
    """
    if any_symbolic_tensors((x,)):
        return Ravel().symbolic_call(x)
    return _bnp.ravel(x)


def transpose(x: Tensor, axes: tuple | None = None) -> Tensor:
    """Permutes the axes of ``x``.

    Args:
        x: a tensor.
        axes: a permutation of ``range(x.ndim)``; None reverses the axes.

    Returns:
        The transposed tensor: axis ``i`` of the result is axis ``axes[i]`` of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.transpose([[1, 2, 3]])).tolist()
    [[1], [2], [3]]
    """
    ndim = ndim_of(x)
    if axes is not None:
        axes = tuple(one_axis("transpose", a, ndim, "axes") for a in axes)
        if sorted(axes) != list(range(ndim)):
            raise ValueError(
                f"transpose: `axes` must be a permutation of range({ndim}). Received: axes={axes}"
            )
    if any_symbolic_tensors((x,)):
        return Transpose(axes=axes).symbolic_call(x)
    return _bnp.transpose(x, axes)


def expand_dims(x: Tensor, axis: int | tuple) -> Tensor:
    """Inserts axes of size 1 at the positions ``axis`` of the result.

    Args:
        x: a tensor.
        axis: an int or a tuple of ints: positions in the output (negative counts
            from the end of the output).

    Returns:
        A tensor of rank ``x.ndim + len(axis)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.expand_dims([1, 2], axis=0)).tolist()
    [[1, 2]]
    """
    n = len(axis) if isinstance(axis, (list, tuple)) else 1
    axes = _axes_tuple("expand_dims", axis, ndim_of(x) + n)
    if any_symbolic_tensors((x,)):
        return ExpandDims(axis=axes).symbolic_call(x)
    return _bnp.expand_dims(x, axes if isinstance(axis, (list, tuple)) else axes[0])


def squeeze(x: Tensor, axis: int | tuple | None = None) -> Tensor:
    """Removes axes of size 1.

    Args:
        x: a tensor.
        axis: the axes to remove (each must have size 1); None removes every axis of size 1.

    Returns:
        A tensor with the same elements and fewer axes.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.squeeze([[1], [2]], axis=1)).tolist()
    [1, 2]
    """
    if axis is not None:
        axis = _axes_tuple("squeeze", axis, ndim_of(x))
        shape = shape_of(x)
        for a in axis:
            if shape[a] is not None and shape[a] != 1:
                raise ValueError(
                    f"squeeze: cannot squeeze axis {a} of size {shape[a]} (shape {tuple(shape)})."
                )
    if any_symbolic_tensors((x,)):
        return Squeeze(axis=axis).symbolic_call(x)
    return _bnp.squeeze(x, axis)


def swapaxes(x: Tensor, axis1: int, axis2: int) -> Tensor:
    """Swaps two axes of ``x``.

    Args:
        x: a tensor.
        axis1: the first axis.
        axis2: the second axis.

    Returns:
        A tensor with ``axis1`` and ``axis2`` exchanged.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.swapaxes([[1, 2, 3]], 0, 1)).tolist()
    [[1], [2], [3]]
    """
    ndim = ndim_of(x)
    axis1 = one_axis("swapaxes", axis1, ndim, "axis1")
    axis2 = one_axis("swapaxes", axis2, ndim, "axis2")
    if any_symbolic_tensors((x,)):
        return Swapaxes(axis1=axis1, axis2=axis2).symbolic_call(x)
    return _bnp.swapaxes(x, axis1, axis2)


def moveaxis(x: Tensor, source: int | tuple, destination: int | tuple) -> Tensor:
    """Moves axes of ``x`` to new positions; the other axes keep their order.

    Args:
        x: a tensor.
        source: the axis (or axes) to move.
        destination: the new position(s), as many as ``source``.

    Returns:
        A tensor with the axes moved.

    Example:
    >>> keras_core.ops.shape(keras_core.ops.moveaxis(keras_core.ops.zeros((2, 3, 4)), 0, -1))
    (3, 4, 2)
    """
    ndim = ndim_of(x)
    src = _axes_tuple("moveaxis", source, ndim, "source")
    dst = _axes_tuple("moveaxis", destination, ndim, "destination")
    if len(src) != len(dst):
        raise ValueError(
            "moveaxis: `source` and `destination` must have the same number of axes. "
            f"Received: source={source}, destination={destination}"
        )
    if any_symbolic_tensors((x,)):
        return Moveaxis(source=src, destination=dst).symbolic_call(x)
    return _bnp.moveaxis(x, src, dst)


def broadcast_to(x: Tensor, shape: tuple) -> Tensor:
    """Broadcasts ``x`` to ``shape`` (NumPy broadcasting rules).

    Args:
        x: a tensor.
        shape: the target shape.

    Returns:
        A tensor of shape ``shape``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.broadcast_to([1, 2], (2, 2))).tolist()
    [[1, 2], [1, 2]]
    """
    shape = shape_arg("broadcast_to", shape)
    xs = tuple(shape_of(x))
    ok = len(xs) <= len(shape) and all(
        d is None or d == 1 or d == t for d, t in zip(xs[::-1], shape[::-1])
    )
    if not ok:
        raise ValueError(f"broadcast_to: a tensor of shape {xs} cannot be broadcast to {shape}.")
    if any_symbolic_tensors((x,)):
        return BroadcastTo(shape=shape).symbolic_call(x)
    return _bnp.broadcast_to(x, shape)


def concatenate(xs: list, axis: int | None = 0) -> Tensor:
    """Joins tensors along an existing axis.

    Args:
        xs: a list of tensors with the same shape except along ``axis``.
        axis: the axis to join along; None flattens the inputs first.

    Returns:
        A tensor of the promoted dtype of the inputs.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.concatenate([[1, 2], [3]])).tolist()
    [1, 2, 3]
    """
    xs = _check_list("concatenate", xs)
    if axis is not None:
        axis = one_axis("concatenate", axis, ndim_of(xs[0]))
    if any_symbolic_tensors((xs,)):
        if axis is None:
            return Concatenate(axis=None).symbolic_call(xs)
        return Concatenate(axis=axis).symbolic_call(xs)
    return _bnp.concatenate(xs, axis=axis)


def stack(x: list, axis: int = 0) -> Tensor:
    """Joins tensors of the same shape along a new axis.

    Args:
        x: a list of tensors of the same shape.
        axis: the position of the new axis in the result.

    Returns:
        A tensor of rank ``x[0].ndim + 1`` and the promoted dtype of the inputs.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.stack([[1, 2], [3, 4]], axis=1)).tolist()
    [[1, 3], [2, 4]]
    """
    x = _check_list("stack", x, "x")
    axis = one_axis("stack", axis, ndim_of(x[0]) + 1)
    if any_symbolic_tensors((x,)):
        return Stack(axis=axis).symbolic_call(x)
    return _bnp.stack(x, axis=axis)


def hstack(xs: list) -> Tensor:
    """Joins tensors horizontally: along axis 1, or axis 0 for 1-D tensors.

    Args:
        xs: a list of tensors.

    Returns:
        A tensor of the promoted dtype of the inputs.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.hstack([[1, 2], [3]])).tolist()
    [1, 2, 3]
    """
    xs = _check_list("hstack", xs)
    if any_symbolic_tensors((xs,)):
        return Hstack().symbolic_call(xs)
    return _bnp.hstack(xs)


def vstack(xs: list) -> Tensor:
    """Joins tensors vertically, along axis 0 (1-D tensors become rows).

    Args:
        xs: a list of tensors.

    Returns:
        A tensor of rank >= 2 and the promoted dtype of the inputs.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.vstack([[1, 2], [3, 4]])).tolist()
    [[1, 2], [3, 4]]
    """
    xs = _check_list("vstack", xs)
    if any_symbolic_tensors((xs,)):
        return Vstack().symbolic_call(xs)
    return _bnp.vstack(xs)


def dstack(xs: list) -> Tensor:
    """Joins tensors depth-wise, along axis 2 (inputs are made at least 3-D).

    Args:
        xs: a list of tensors.

    Returns:
        A tensor of rank >= 3 and the promoted dtype of the inputs.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.dstack([[1, 2], [3, 4]])).tolist()
    [[[1, 3], [2, 4]]]
    """
    xs = _check_list("dstack", xs)
    if any_symbolic_tensors((xs,)):
        return Dstack().symbolic_call(xs)
    return _bnp.dstack(xs)


def append(x1: Tensor, x2: Tensor, axis: int | None = None) -> Tensor:
    """Appends ``x2`` to ``x1`` along ``axis`` (to the flattened ``x1`` if None).

    Args:
        x1: a tensor.
        x2: the values to append.
        axis: the axis to join along; None flattens both inputs.

    Returns:
        A tensor of the promoted dtype.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.append([1, 2], [[3, 4]])).tolist()
    [1, 2, 3, 4]
    """
    if axis is not None:
        axis = one_axis("append", axis, ndim_of(x1))
    if any_symbolic_tensors((x1, x2)):
        return Append(axis=axis).symbolic_call(x1, x2)
    return _bnp.append(x1, x2, axis=axis)


def split(x: Tensor, indices_or_sections: int | list, axis: int = 0) -> list:
    """Splits ``x`` into pieces along ``axis``.

    Args:
        x: a tensor.
        indices_or_sections: a number of equal sections (it must divide the axis), or
            the indices at which to cut.
        axis: the axis to split.

    Returns:
        A list of tensors.

    Example:
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in keras_core.ops.split([1, 2, 3, 4], 2)]
    [[1, 2], [3, 4]]
    """
    ios = _indices_or_sections("split", indices_or_sections)
    axis = one_axis("split", axis, ndim_of(x))
    if any_symbolic_tensors((x,)):
        return Split(indices_or_sections=ios, axis=axis).symbolic_call(x)
    return _bnp.split(x, ios, axis=axis)


def array_split(x: Tensor, indices_or_sections: int | list, axis: int = 0) -> list:
    """Splits ``x`` into pieces along ``axis``; sections may differ in size by one.

    Args:
        x: a tensor.
        indices_or_sections: a number of sections (the first ones are one longer when the
            axis does not divide evenly), or the indices at which to cut.
        axis: the axis to split.

    Returns:
        A list of tensors.

    Example:
    >>> out = keras_core.ops.array_split([1, 2, 3], 2)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[1, 2], [3]]
    """
    ios = _indices_or_sections("array_split", indices_or_sections)
    axis = one_axis("array_split", axis, ndim_of(x))
    if any_symbolic_tensors((x,)):
        return ArraySplit(indices_or_sections=ios, axis=axis).symbolic_call(x)
    return _bnp.array_split(x, ios, axis=axis)


def _directional_split(op, cls, x, ios, min_rank, axis_of):
    ios = _indices_or_sections(op, ios)
    ndim = ndim_of(x)
    if ndim < min_rank:
        raise ValueError(f"{op}: `x` must have rank >= {min_rank}. Received: shape={shape_of(x)}")
    if any_symbolic_tensors((x,)):
        return cls(indices_or_sections=ios, axis=axis_of(ndim)).symbolic_call(x)
    return getattr(_bnp, op)(x, ios)


def hsplit(x: Tensor, indices_or_sections: int | list) -> list:
    """Splits ``x`` horizontally: along axis 1, or axis 0 for 1-D tensors.

    Args:
        x: a tensor of rank >= 1.
        indices_or_sections: a number of equal sections or the indices at which to cut.

    Returns:
        A list of tensors.

    Example:
    >>> out = keras_core.ops.hsplit([[1, 2], [3, 4]], 2)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[[1], [3]], [[2], [4]]]
    """
    return _directional_split(
        "hsplit", Hsplit, x, indices_or_sections, 1, lambda n: 0 if n == 1 else 1
    )


def vsplit(x: Tensor, indices_or_sections: int | list) -> list:
    """Splits ``x`` vertically, along axis 0.

    Args:
        x: a tensor of rank >= 2.
        indices_or_sections: a number of equal sections or the indices at which to cut.

    Returns:
        A list of tensors.

    Example:
    >>> out = keras_core.ops.vsplit([[1, 2], [3, 4]], 2)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[[1, 2]], [[3, 4]]]
    """
    return _directional_split("vsplit", Vsplit, x, indices_or_sections, 2, lambda n: 0)


def dsplit(x: Tensor, indices_or_sections: int | list) -> list:
    """Splits ``x`` depth-wise, along axis 2.

    Args:
        x: a tensor of rank >= 3.
        indices_or_sections: a number of equal sections or the indices at which to cut.

    Returns:
        A list of tensors.

    Example:
    >>> len(keras_core.ops.dsplit(keras_core.ops.zeros((1, 1, 4)), 2))
    2
    """
    return _directional_split("dsplit", Dsplit, x, indices_or_sections, 3, lambda n: 2)


def tile(x: Tensor, repeats: int | tuple) -> Tensor:
    """Repeats the whole of ``x`` ``repeats[i]`` times along each axis ``i``.

    Args:
        x: a tensor.
        repeats: an int or a tuple of non-negative ints; when it is longer than the rank,
            ``x`` gets leading axes of size 1, when shorter it applies to the last axes.

    Returns:
        The tiled tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.tile([1, 2], 2)).tolist()
    [1, 2, 1, 2]
    """
    repeats = shape_arg("tile", repeats, "repeats")
    if any(r < 0 for r in repeats):
        raise ValueError(f"tile: `repeats` must be non-negative. Received: repeats={repeats}")
    if any_symbolic_tensors((x,)):
        return Tile(repeats=repeats).symbolic_call(x)
    return _bnp.tile(x, repeats)


def repeat(x: Tensor, repeats: int | Tensor, axis: int | None = None) -> Tensor:
    """Repeats each element of ``x`` along ``axis``.

    Args:
        x: a tensor.
        repeats: an int, or one non-negative int per element along ``axis``.
        axis: the axis; None repeats the elements of the flattened tensor.

    Returns:
        The tensor with repeated elements.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.repeat([1, 2], 2)).tolist()
    [1, 1, 2, 2]
    """
    if axis is not None:
        axis = one_axis("repeat", axis, ndim_of(x))
    if isinstance(repeats, int) and repeats < 0:
        raise ValueError(f"repeat: `repeats` must be non-negative. Received: repeats={repeats}")
    if any_symbolic_tensors((x,)):
        if isinstance(repeats, KerasTensor):
            raise TypeError("repeat: a symbolic `repeats` is not supported; pass static values.")
        if not isinstance(repeats, int):
            repeats = np.asarray(repeats).tolist()
        return Repeat(repeats=repeats, axis=axis).symbolic_call(x)
    return _bnp.repeat(x, repeats, axis=axis)


def flip(x: Tensor, axis: int | tuple | None = None) -> Tensor:
    """Reverses the order of the elements of ``x`` along ``axis``.

    Args:
        x: a tensor.
        axis: an int or a tuple of ints; None flips every axis.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.flip([[1, 2], [3, 4]], axis=1)).tolist()
    [[2, 1], [4, 3]]
    """
    if axis is not None:
        axis = _axes_tuple("flip", axis, ndim_of(x))
    if any_symbolic_tensors((x,)):
        return Flip(axis=axis).symbolic_call(x)
    return _bnp.flip(x, axis=axis)


def fliplr(x: Tensor) -> Tensor:
    """Reverses the order of the columns (axis 1) of ``x``.

    Args:
        x: a tensor of rank >= 2.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.fliplr([[1, 2], [3, 4]])).tolist()
    [[2, 1], [4, 3]]
    """
    if ndim_of(x) < 2:
        raise ValueError(f"fliplr: `x` must have rank >= 2. Received: shape={shape_of(x)}")
    if any_symbolic_tensors((x,)):
        return Fliplr().symbolic_call(x)
    return _bnp.fliplr(x)


def flipud(x: Tensor) -> Tensor:
    """Reverses the order of the rows (axis 0) of ``x``.

    Args:
        x: a tensor of rank >= 1.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.flipud([[1, 2], [3, 4]])).tolist()
    [[3, 4], [1, 2]]
    """
    if ndim_of(x) < 1:
        raise ValueError(f"flipud: `x` must have rank >= 1. Received: shape={shape_of(x)}")
    if any_symbolic_tensors((x,)):
        return Flipud().symbolic_call(x)
    return _bnp.flipud(x)


def roll(x: Tensor, shift: int | tuple, axis: int | tuple | None = None) -> Tensor:
    """Rolls the elements of ``x`` along ``axis``; elements leaving one end re-enter at the other.

    Args:
        x: a tensor.
        shift: the number of places (an int, or one per axis in ``axis``).
        axis: an int or a tuple of ints; None rolls the flattened tensor.

    Returns:
        A tensor of the shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.roll([1, 2, 3], 1)).tolist()
    [3, 1, 2]
    """
    if axis is not None:
        axis = _axes_tuple("roll", axis, ndim_of(x))
        shifts = shift if isinstance(shift, (list, tuple)) else (shift,) * len(axis)
        if len(shifts) != len(axis):
            raise ValueError(
                f"roll: `shift` and `axis` must have the same length. "
                f"Received: shift={shift}, axis={axis}"
            )
        shift = tuple(as_int("roll", s, "shift") for s in shifts)
    else:
        shift = as_int("roll", shift, "shift")
    if any_symbolic_tensors((x,)):
        return Roll(shift=shift, axis=axis).symbolic_call(x)
    return _bnp.roll(x, shift, axis=axis)


def rot90(array: Tensor, k: int = 1, axes: tuple = (0, 1)) -> Tensor:
    """Rotates ``array`` by 90 degrees ``k`` times in the plane of ``axes``.

    Args:
        array: a tensor of rank >= 2.
        k: the number of quarter turns (from the first axis toward the second).
        axes: two different axes defining the plane.

    Returns:
        The rotated tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.rot90([[1, 2], [3, 4]])).tolist()
    [[2, 4], [1, 3]]
    """
    k = as_int("rot90", k, "k")
    ndim = ndim_of(array)
    if ndim < 2:
        raise ValueError(f"rot90: `array` must have rank >= 2. Received: shape={shape_of(array)}")
    if len(axes) != 2:
        raise ValueError(f"rot90: `axes` must hold exactly 2 axes. Received: axes={axes}")
    axes = _axes_tuple("rot90", axes, ndim, "axes")
    if any_symbolic_tensors((array,)):
        return Rot90(k=k, axes=axes).symbolic_call(array)
    return _bnp.rot90(array, k=k, axes=axes)


def _pad_width(pad_width, ndim):
    if isinstance(pad_width, KerasTensor):
        raise TypeError("pad: `pad_width` must be static (ints), not a symbolic tensor.")
    pw = np.asarray(pad_width)
    if pw.dtype.kind not in "iu":
        raise TypeError(f"pad: `pad_width` must hold ints. Received: pad_width={pad_width!r}")
    try:
        pw = np.broadcast_to(pw, (ndim, 2))
    except ValueError as e:
        raise ValueError(
            "pad: `pad_width` must be an int, a (before, after) pair, or one pair per axis "
            f"({ndim} axes). Received: pad_width={pad_width!r}"
        ) from e
    if (pw < 0).any():
        raise ValueError(f"pad: `pad_width` must be non-negative. Received: {pad_width!r}")
    return tuple(tuple(int(v) for v in row) for row in pw)


def pad(
    x: Tensor, pad_width: int | tuple, mode: str = "constant", constant_values: Any = None
) -> Tensor:
    """Pads ``x`` on every axis.

    Args:
        x: a tensor.
        pad_width: an int, a ``(before, after)`` pair, or one pair per axis.
        mode: ``'constant'``, ``'edge'``, ``'reflect'``, ``'symmetric'``, ``'wrap'``
            (alias ``'circular'``), ``'maximum'``, ``'minimum'``, ``'mean'``,
            ``'median'``, ``'linear_ramp'`` or ``'empty'``, as in NumPy.
        constant_values: the padding value for ``'constant'`` (0 by default); an error
            with any other mode.

    Returns:
        The padded tensor, of the dtype of ``x``.

    Example:
    >>> out = keras_core.ops.pad([1, 2], (1, 2), constant_values=9)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [9, 1, 2, 9, 9]
    """
    choice("pad", "mode", mode, _PAD_MODES)
    if constant_values is not None and mode != "constant":
        raise ValueError(
            f"pad: `constant_values` is only allowed with mode='constant'. Received: mode={mode!r}"
        )
    pw = _pad_width(pad_width, ndim_of(x))
    if any_symbolic_tensors((x,)):
        return Pad(pad_width=pw, mode=mode, constant_values=constant_values).symbolic_call(x)
    return _bnp.pad(x, pw, mode=mode, constant_values=constant_values)


def ndim(x: Tensor) -> int:
    """The number of axes of ``x``.

    Args:
        x: a tensor.

    Returns:
        The rank (a Python int for concrete tensors; a 0-d int32 KerasTensor for symbolic ones).

    Example:
    >>> keras_core.ops.ndim([[1, 2], [3, 4]])
    2
    """
    if any_symbolic_tensors((x,)):
        return Ndim().symbolic_call(x)
    return _bnp.ndim(x)


def size(x: Tensor) -> int:
    """The number of elements of ``x``.

    Args:
        x: a tensor.

    Returns:
        The size (a Python int for concrete tensors; a 0-d int32 KerasTensor for symbolic ones).

    Example:
    >>> keras_core.ops.size([[1, 2], [3, 4]])
    4
    """
    if any_symbolic_tensors((x,)):
        return Size().symbolic_call(x)
    return _bnp.size(x)


def view(x: Tensor, dtype: str | None = None) -> Tensor:
    """Reinterprets the bytes of ``x`` as another dtype (no conversion of values).

    Args:
        x: a tensor.
        dtype: the new dtype; when its size differs, the last axis is rescaled (its
            byte length must divide evenly).

    Returns:
        A tensor of ``dtype`` sharing the bit patterns of ``x``.

    Example:
    >>> out = keras_core.ops.view(keras_core.ops.convert_to_tensor([1.0], "float32"), "int32")
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1065353216]
    """
    if dtype is not None:
        dtype = standardize_dtype(dtype)
    if any_symbolic_tensors((x,)):
        return View(dtype=dtype).symbolic_call(x)
    return _bnp.view(x, dtype=dtype)


def copy(x: Tensor) -> Tensor:
    """Returns a copy of ``x``.

    Args:
        x: a tensor.

    Returns:
        A new tensor with the values, shape and dtype of ``x``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.copy([1, 2])).tolist()
    [1, 2]
    """
    if any_symbolic_tensors((x,)):
        return Copy().symbolic_call(x)
    return _bnp.copy(x)


def meshgrid(*x: Tensor, indexing: str = "xy") -> list:
    """Coordinate grids from 1-D coordinate vectors.

    Args:
        *x: 1-D tensors of coordinates.
        indexing: ``'xy'`` (Cartesian: the first two output axes are swapped) or
            ``'ij'`` (matrix indexing).

    Returns:
        A list of ``len(x)`` tensors, each of the grid shape and of its input's dtype.

    Example:
    >>> xx, yy = keras_core.ops.meshgrid([1, 2, 3], [4, 5])
    >>> keras_core.ops.convert_to_numpy(xx).tolist(), keras_core.ops.convert_to_numpy(yy).tolist()
    ([[1, 2, 3], [1, 2, 3]], [[4, 4, 4], [5, 5, 5]])
    """
    choice("meshgrid", "indexing", indexing, ("xy", "ij"))
    for v in x:
        if ndim_of(v) != 1:
            raise ValueError(f"meshgrid: every input must be 1-D. Received a shape {shape_of(v)}")
    if any_symbolic_tensors((x,)):
        return Meshgrid(indexing=indexing).symbolic_call(*x)
    return _bnp.meshgrid(*x, indexing=indexing)
