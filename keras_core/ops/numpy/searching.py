"""Sorting, searching and counting: ``sort``, ``argsort``, ``argpartition``,
``searchsorted``, ``digitize``, ``bincount``, ``histogram``, ``unique``, ``nonzero``."""

import operator
from typing import Any

from keras_core import backend
from keras_core.backend.common.keras_tensor import any_symbolic_tensors
from keras_core.ops.numpy._base import (
    INDEX_DTYPE,
    as_int,
    choice,
    float_dtype,
    kt,
    multiply_dims,
    ndim_of,
    one_axis,
    op_class,
    same_dtype,
    shape_of,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy


def _sorted_shape(x, axis):
    shape = shape_of(x)
    return (multiply_dims(*shape),) if axis is None else shape


def _sort_spec(x, axis=-1):
    return kt(_sorted_shape(x, axis), same_dtype(x))


def _argsort_spec(x, axis=-1, **config):
    return kt(_sorted_shape(x, axis), INDEX_DTYPE)


def _bincount_dtype(weights):
    if weights is None:
        return INDEX_DTYPE
    d = same_dtype(weights)
    return "int32" if d == "bool" else d


def _bincount_spec(x, weights=None, minlength=0, sparse=False):
    shape = (None,) if ndim_of(x) == 1 else (shape_of(x)[0], None)
    return kt(shape, _bincount_dtype(weights))


def _histogram_spec(x, bins=10, range=None):
    return kt((bins,), INDEX_DTYPE), kt((bins + 1,), float_dtype(x))


def _unique_spec(x, **config):
    size, axis = config.get("size"), config.get("axis")
    shape = shape_of(x)
    n = size if size is not None else None
    values = (n,) if axis is None else tuple(n if i == axis else d for i, d in enumerate(shape))
    outs = [kt(values, same_dtype(x))]
    if config.get("return_index"):
        outs.append(kt((n,), INDEX_DTYPE))
    if config.get("return_inverse"):
        outs.append(kt(shape if axis is None else (shape[axis],), INDEX_DTYPE))
    if config.get("return_counts"):
        outs.append(kt((n,), INDEX_DTYPE))
    return outs[0] if len(outs) == 1 else tuple(outs)


def _nonzero_spec(x):
    return tuple(kt((None,), INDEX_DTYPE) for _ in range(ndim_of(x)))


Sort = op_class("Sort", "sort", _sort_spec)
Argsort = op_class("Argsort", "argsort", _argsort_spec)
Argpartition = op_class("Argpartition", "argpartition", _argsort_spec)
Searchsorted = op_class(
    "Searchsorted", "searchsorted", lambda a, v, **c: kt(shape_of(v), INDEX_DTYPE)
)
Digitize = op_class("Digitize", "digitize", lambda x, bins: kt(shape_of(x), INDEX_DTYPE))
Bincount = op_class(
    "Bincount",
    "bincount",
    _bincount_spec,
    call=lambda config, x, weights=None: _bnp.bincount(x, weights=weights, **config),
)
Histogram = op_class("Histogram", "histogram", _histogram_spec)
Unique = op_class("Unique", "unique", _unique_spec)
Nonzero = op_class("Nonzero", "nonzero", _nonzero_spec)


def _sort_axis(op, x, axis):
    return None if axis is None else one_axis(op, axis, ndim_of(x))


def sort(x: Tensor, axis: int | None = -1) -> Tensor:
    """Sorts ``x`` along ``axis`` in ascending order; NaN sorts last.

    Args:
        x: a tensor.
        axis: the axis to sort along; None sorts the flattened tensor.

    Returns:
        A tensor of the dtype of ``x`` (1-D when ``axis`` is None).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sort([3.0, float("nan"), 1.0])).tolist()
    [1.0, 3.0, nan]
    """
    axis = _sort_axis("sort", x, axis)
    if any_symbolic_tensors((x,)):
        return Sort(axis=axis).symbolic_call(x)
    return _bnp.sort(x, axis=axis)


def argsort(x: Tensor, axis: int | None = -1) -> Tensor:
    """The indices that sort ``x`` along ``axis`` (a stable sort; NaN last).

    Args:
        x: a tensor.
        axis: the axis to sort along; None sorts the flattened tensor.

    Returns:
        An int32 tensor; equal elements keep their order.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.argsort([3, 1, 2])).tolist()
    [1, 2, 0]
    """
    axis = _sort_axis("argsort", x, axis)
    if any_symbolic_tensors((x,)):
        return Argsort(axis=axis).symbolic_call(x)
    return _bnp.argsort(x, axis=axis)


def argpartition(x: Tensor, kth: int | list, axis: int = -1) -> Tensor:
    """Indices that partition ``x`` around its ``kth`` smallest element along ``axis``.

    Args:
        x: a tensor.
        kth: the position (or positions) whose element ends in sorted place; every
            element before it is not larger and every element after it is not smaller.
        axis: the axis to partition along.

    Returns:
        An int32 tensor of the shape of ``x``. The order within each side is not specified.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.argpartition([30, 10, 20], 1)).tolist()
    [1, 2, 0]
    """
    axis = one_axis("argpartition", axis, ndim_of(x))
    kths = kth if isinstance(kth, (list, tuple)) else [kth]
    n = shape_of(x)[axis]
    for k in kths:
        k = as_int("argpartition", k, "kth")
        if n is not None and not -n <= k < n:
            raise ValueError(f"argpartition: kth={k} is out of range for an axis of length {n}.")
    kth = [operator.index(k) for k in kth] if isinstance(kth, (list, tuple)) else kth
    if any_symbolic_tensors((x,)):
        return Argpartition(kth=kth, axis=axis).symbolic_call(x)
    return _bnp.argpartition(x, kth, axis=axis)


def searchsorted(sorted_sequence: Tensor, values: Tensor, side: str = "left") -> Tensor:
    """The indices at which ``values`` would be inserted to keep ``sorted_sequence`` sorted.

    Args:
        sorted_sequence: a 1-D tensor in ascending order.
        values: the values to place (any shape).
        side: ``'left'`` (the first suitable index) or ``'right'`` (the last).

    Returns:
        An int32 tensor of the shape of ``values``.

    Example:
    >>> out = keras_core.ops.searchsorted([1, 3, 5], [3, 6], side="left")
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1, 3]
    """
    choice("searchsorted", "side", side, ("left", "right"))
    if ndim_of(sorted_sequence) != 1:
        raise ValueError(
            "searchsorted: `sorted_sequence` must be 1-D. "
            f"Received: shape={shape_of(sorted_sequence)}"
        )
    if any_symbolic_tensors((sorted_sequence, values)):
        return Searchsorted(side=side).symbolic_call(sorted_sequence, values)
    return _bnp.searchsorted(sorted_sequence, values, side=side)


def digitize(x: Tensor, bins: Tensor) -> Tensor:
    """The index of the bin of each value: ``i`` such that ``bins[i-1] <= x < bins[i]``.

    Args:
        x: the values.
        bins: a 1-D tensor of increasing bin edges.

    Returns:
        An int32 tensor of the shape of ``x`` (0 below the first edge, ``len(bins)``
        at or above the last).

    Example:
    >>> out = keras_core.ops.digitize([0.5, 1.0, 3.5], [1.0, 2.0, 3.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [0, 1, 3]
    """
    if ndim_of(bins) != 1:
        raise ValueError(f"digitize: `bins` must be 1-D. Received: shape={shape_of(bins)}")
    if any_symbolic_tensors((x, bins)):
        return Digitize().symbolic_call(x, bins)
    return _bnp.digitize(x, bins)


def bincount(x: Tensor, weights: Tensor = None, minlength: int = 0, sparse: bool = False) -> Tensor:
    """Counts the occurrences of each non-negative integer in ``x``.

    Args:
        x: a 1-D tensor of non-negative integers, or a 2-D batch of them (counted per row).
        weights: optional weights of the shape of ``x``, summed instead of counting 1s.
        minlength: the minimum length of the output.
        sparse: return a sparse tensor (only where the backend has sparse tensors).

    Returns:
        A tensor of length ``max(max(x) + 1, minlength)`` (per row for 2-D input): int32
        counts, or sums of the dtype of ``weights`` (bool weights give int32).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.bincount([0, 2, 2], minlength=4)).tolist()
    [1, 0, 2, 0]
    """
    minlength = as_int("bincount", minlength, "minlength")
    if minlength < 0:
        raise ValueError(f"bincount: `minlength` must be >= 0. Received: minlength={minlength}")
    if ndim_of(x) not in (1, 2):
        raise ValueError(f"bincount: `x` must be 1-D or 2-D. Received: shape={shape_of(x)}")
    if any_symbolic_tensors((x, weights)):
        op = Bincount(minlength=minlength, sparse=sparse)
        return op.symbolic_call(x) if weights is None else op.symbolic_call(x, weights)
    return _bnp.bincount(x, weights=weights, minlength=minlength, sparse=sparse)


def histogram(x: Tensor, bins: int = 10, range: tuple | None = None) -> tuple:
    """Counts the values of ``x`` in ``bins`` equal-width bins.

    Args:
        x: a tensor (flattened).
        bins: the number of bins.
        range: ``(min, max)`` of the bins; the range of ``x`` if None. The last bin
            includes its right edge.

    Returns:
        A tuple ``(counts, edges)``: int32 counts of shape ``(bins,)`` and floating
        edges of shape ``(bins + 1,)``.

    Example:
    >>> out = keras_core.ops.histogram([1.0, 2.0, 2.5, 4.0], bins=3)
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[1, 2, 1], [1.0, 2.0, 3.0, 4.0]]
    """
    bins = as_int("histogram", bins, "bins")
    if bins < 1:
        raise ValueError(f"histogram: `bins` must be a positive int. Received: bins={bins}")
    if range is not None:
        if len(range) != 2 or range[0] > range[1]:
            raise ValueError(
                f"histogram: `range` must be (min, max) with min <= max. Received: range={range}"
            )
        range = (float(range[0]), float(range[1]))
    if any_symbolic_tensors((x,)):
        return Histogram(bins=bins, range=range).symbolic_call(x)
    return _bnp.histogram(x, bins=bins, range=range)


def unique(
    x: Tensor,
    sorted: bool = True,
    return_index: bool = False,
    return_inverse: bool = False,
    return_counts: bool = False,
    axis: int | None = None,
    size: int | None = None,
    fill_value: Any = None,
) -> Tensor | tuple:
    """The sorted unique elements of ``x`` (or unique slices along ``axis``).

    Args:
        x: a tensor.
        sorted: return the unique values in ascending order (always the case here).
        return_index: also return the index of the first occurrence of each unique value.
        return_inverse: also return, for each element of ``x``, the index of its unique value.
        return_counts: also return how often each unique value occurs.
        axis: find unique slices along this axis; None flattens ``x``.
        size: pad (with ``fill_value``) or truncate the result to this length, which makes
            the shape static (needed inside compiled functions).
        fill_value: the padding value; the smallest unique value if None.

    Returns:
        The unique values, or a tuple with the requested int32 extras in the order
        ``(values, index, inverse, counts)``. The inverse has the shape of ``x`` when
        ``axis`` is None.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.unique([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    if axis is not None:
        axis = one_axis("unique", axis, ndim_of(x))
    if size is not None:
        size = as_int("unique", size, "size")
        if size < 0:
            raise ValueError(f"unique: `size` must be >= 0. Received: size={size}")
    config = dict(
        sorted=sorted,
        return_index=return_index,
        return_inverse=return_inverse,
        return_counts=return_counts,
        axis=axis,
        size=size,
        fill_value=fill_value,
    )
    if any_symbolic_tensors((x,)):
        return Unique(**config).symbolic_call(x)
    return _bnp.unique(x, **config)


def nonzero(x: Tensor) -> tuple:
    """The indices of the nonzero elements of ``x``, one tensor per axis.

    Args:
        x: a tensor of rank >= 1.

    Returns:
        A tuple of ``x.ndim`` int32 tensors of the same length, in row-major order.

    Example:
    >>> out = keras_core.ops.nonzero([[0, 1], [2, 0]])
    >>> [keras_core.ops.convert_to_numpy(t).tolist() for t in out]
    [[0, 1], [1, 0]]
    """
    if ndim_of(x) == 0:
        raise ValueError("nonzero: `x` must have rank >= 1. Received a 0-d tensor.")
    if any_symbolic_tensors((x,)):
        return Nonzero().symbolic_call(x)
    return _bnp.nonzero(x)
