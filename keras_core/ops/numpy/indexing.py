"""Indexing and related ops: ``get_item``, ``take``, ``take_along_axis``,
``unravel_index``, ``trace``, ``diff``."""

from typing import Any

import numpy as np

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.numpy._base import (
    INDEX_DTYPE,
    as_int,
    kt,
    ndim_of,
    one_axis,
    op_class,
    same_dtype,
    shape_arg,
    shape_of,
    sum_dtype,
)
from keras_core.ops.op_utils import Tensor, broadcast_shapes

_bnp = backend.numpy
_PROBES = (5, 7)


def _key_parts(key, size):
    """The parts of an indexing key with stand-ins for KerasTensors (for shape probing)."""
    parts = key if isinstance(key, tuple) else (key,)
    out = []
    for k in parts:
        if isinstance(k, KerasTensor):
            if k.dtype == "bool":
                # A mask selects an unknown number of elements: as many index arrays as
                # the mask has axes, of a length that differs between the two probes.
                out.extend(np.zeros((2 * size + 1,), np.intp) for _ in range(k.ndim))
            else:
                shape = tuple(size if d is None else d for d in k.shape)
                out.append(np.zeros(shape, np.intp))
        elif isinstance(k, list):
            out.append(np.asarray(k))
        elif hasattr(k, "shape") and not isinstance(k, np.ndarray) and hasattr(k, "dtype"):
            out.append(np.zeros(tuple(k.shape), bool if "bool" in str(k.dtype) else np.intp))
        else:
            out.append(k)
    return tuple(out)


def _get_item_spec(x, key):
    shapes = []
    for size in _PROBES:
        base = np.broadcast_to(
            np.zeros((), np.int8), tuple(size if d is None else d for d in x.shape)
        )
        try:
            shapes.append(base[_key_parts(key, size)].shape)
        except IndexError as e:
            raise IndexError(f"get_item: {e} (x.shape={x.shape}, key={key!r:.80})") from e
    first, second = shapes
    return kt(tuple(a if a == b else None for a, b in zip(first, second)), x.dtype)


def _take_spec(x, indices, axis=None):
    ishape = tuple(shape_of(indices))
    if axis is None:
        return kt(ishape, same_dtype(x))
    shape = tuple(shape_of(x))
    return kt(shape[:axis] + ishape + shape[axis + 1 :], same_dtype(x))


def _take_along_axis_spec(x, indices, axis=None):
    if axis is None:
        return kt(shape_of(indices), same_dtype(x))
    xs, ids = list(shape_of(x)), list(shape_of(indices))
    xs[axis] = 1
    shape = list(broadcast_shapes(tuple(xs), tuple(ids), "take_along_axis"))
    shape[axis] = ids[axis]
    return kt(shape, same_dtype(x))


def _unravel_spec(indices, shape):
    return tuple(kt(shape_of(indices), INDEX_DTYPE) for _ in shape)


def _trace_spec(x, offset=0, axis1=0, axis2=1):
    shape = [d for i, d in enumerate(shape_of(x)) if i not in (axis1, axis2)]
    return kt(shape, sum_dtype(x))


def _diff_spec(a, n=1, axis=-1):
    shape = list(shape_of(a))
    if shape[axis] is not None:
        shape[axis] = max(shape[axis] - n, 0)
    return kt(shape, same_dtype(a))


GetItem = op_class("GetItem", "get_item", _get_item_spec)
Take = op_class("Take", "take", _take_spec)
TakeAlongAxis = op_class("TakeAlongAxis", "take_along_axis", _take_along_axis_spec)
UnravelIndex = op_class("UnravelIndex", "unravel_index", _unravel_spec)
Trace = op_class("Trace", "trace", _trace_spec)
Diff = op_class("Diff", "diff", _diff_spec)


def _check_int_indices(key, shape):
    """Raises the IndexError of an out-of-range Python int index (before any Ellipsis)."""
    parts = key if isinstance(key, tuple) else (key,)
    axis = 0
    for k in parts:
        if k is Ellipsis:
            return
        if k is None:
            continue
        if isinstance(k, (int, np.integer)) and not isinstance(k, bool):
            if axis >= len(shape):
                raise IndexError(f"get_item: too many indices for a tensor of rank {len(shape)}.")
            n = shape[axis]
            if n is not None and not -n <= k < n:
                raise IndexError(
                    f"get_item: index {k} is out of range for axis {axis} of size {n} "
                    f"(shape {tuple(shape)})."
                )
        axis += getattr(k, "ndim", 1) if getattr(k, "dtype", None) in (bool, "bool") else 1


def get_item(x: Tensor, key: Any) -> Tensor:
    """Indexes ``x`` with ``key``, as ``x[key]`` in NumPy.

    Args:
        x: a tensor.
        key: an int, a slice, ``None`` (a new axis), ``Ellipsis``, an integer tensor or
            list (gathers), a boolean tensor (a mask), or a tuple of these.

    Returns:
        The selected elements, of the dtype of ``x``. Out-of-range integer indices raise
        an IndexError (eagerly, where the backend can check).

    Example:
    >>> out = keras_core.ops.get_item([[1, 2], [3, 4]], (slice(None), 1))
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2, 4]
    """
    _check_int_indices(key, shape_of(x))
    if any_symbolic_tensors((x, key)):
        if not isinstance(x, KerasTensor):
            x = backend.convert_to_tensor(x)
            x = KerasTensor(tuple(x.shape), backend.standardize_dtype(x.dtype))
        return GetItem().symbolic_call(x, key)
    return _bnp.get_item(x, key)


def take(x: Tensor, indices: Tensor, axis: int | None = None) -> Tensor:
    """Gathers elements of ``x`` at ``indices`` along ``axis``.

    Args:
        x: a tensor.
        indices: integer indices (negative ones count from the end).
        axis: the axis to gather along; None gathers from the flattened tensor.

    Returns:
        A tensor of shape ``x.shape[:axis] + indices.shape + x.shape[axis + 1:]``.

    Example:
    >>> out = keras_core.ops.take([[1, 2], [3, 4]], [1, 0], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[2, 1], [4, 3]]
    """
    if axis is not None:
        axis = one_axis("take", axis, ndim_of(x))
    if any_symbolic_tensors((x, indices)):
        return Take(axis=axis).symbolic_call(x, indices)
    return _bnp.take(x, indices, axis=axis)


def take_along_axis(x: Tensor, indices: Tensor, axis: int | None = None) -> Tensor:
    """Gathers elements of ``x`` with an index tensor aligned with ``x`` along ``axis``.

    Args:
        x: a tensor.
        indices: integer indices of the rank of ``x`` (broadcast with ``x`` on the other
            axes), e.g. the output of ``argsort``.
        axis: the axis to gather along; None uses the flattened tensor (1-D indices).

    Returns:
        The gathered tensor.

    Example:
    >>> out = keras_core.ops.take_along_axis([[10, 30, 20]], [[0, 2, 1]], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[10, 20, 30]]
    """
    if axis is not None:
        axis = one_axis("take_along_axis", axis, ndim_of(x))
        if ndim_of(indices) != ndim_of(x):
            raise ValueError(
                "take_along_axis: `x` and `indices` must have the same rank. "
                f"Received: x.shape={shape_of(x)}, indices.shape={shape_of(indices)}"
            )
    elif ndim_of(indices) != 1:
        raise ValueError(
            "take_along_axis: with axis=None, `indices` must be 1-D. "
            f"Received: indices.shape={shape_of(indices)}"
        )
    if any_symbolic_tensors((x, indices)):
        return TakeAlongAxis(axis=axis).symbolic_call(x, indices)
    return _bnp.take_along_axis(x, indices, axis=axis)


def unravel_index(indices: Tensor, shape: tuple) -> tuple:
    """Converts flat indices into coordinates in a tensor of ``shape`` (row-major).

    Args:
        indices: integer flat indices.
        shape: the shape of the indexed tensor.

    Returns:
        A tuple of ``len(shape)`` int32 tensors of the shape of ``indices``.

    Example:
    >>> out = keras_core.ops.unravel_index([5, 1], (2, 3))
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[1, 0], [2, 1]]
    """
    shape = shape_arg("unravel_index", shape)
    if any_symbolic_tensors((indices,)):
        return UnravelIndex(shape=shape).symbolic_call(indices)
    return _bnp.unravel_index(indices, shape)


def trace(x: Tensor, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Tensor:
    """The sum along a diagonal of ``x`` in the plane of ``axis1`` and ``axis2``.

    Args:
        x: a tensor of rank >= 2.
        offset: the diagonal: 0 is the main one, positive above, negative below.
        axis1: the first axis of the plane.
        axis2: the second axis of the plane.

    Returns:
        A tensor with both axes removed, with the dtype rule of ``sum``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.trace([[1, 2], [3, 4]])).tolist()
    5
    """
    ndim = ndim_of(x)
    if ndim < 2:
        raise ValueError(f"trace: `x` must have rank >= 2. Received: shape={shape_of(x)}")
    axis1 = one_axis("trace", axis1, ndim, "axis1")
    axis2 = one_axis("trace", axis2, ndim, "axis2")
    if axis1 == axis2:
        raise ValueError(f"trace: `axis1` and `axis2` must differ. Received: {axis1}, {axis2}")
    offset = as_int("trace", offset, "offset")
    if any_symbolic_tensors((x,)):
        return Trace(offset=offset, axis1=axis1, axis2=axis2).symbolic_call(x)
    return _bnp.trace(x, offset=offset, axis1=axis1, axis2=axis2)


def diff(a: Tensor, n: int = 1, axis: int = -1) -> Tensor:
    """The ``n``-th discrete difference of ``a`` along ``axis``.

    Args:
        a: a tensor of rank >= 1.
        n: how many times to take differences (``a[i+1] - a[i]``).
        axis: the axis.

    Returns:
        A tensor of the dtype of ``a`` whose ``axis`` is ``n`` shorter (for bool tensors
        the difference is ``!=``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.diff([1, 4, 9, 16])).tolist()
    [3, 5, 7]
    """
    n = as_int("diff", n, "n")
    if n < 0:
        raise ValueError(f"diff: `n` must be >= 0. Received: n={n}")
    if ndim_of(a) == 0:
        raise ValueError("diff: `a` must have rank >= 1. Received a 0-d tensor.")
    axis = one_axis("diff", axis, ndim_of(a))
    if any_symbolic_tensors((a,)):
        return Diff(n=n, axis=axis).symbolic_call(a)
    return _bnp.diff(a, n=n, axis=axis)
