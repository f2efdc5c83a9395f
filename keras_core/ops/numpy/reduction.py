"""Reductions and statistics: sums, products, extrema, arg-extrema, means, variances,
medians, quantiles, cumulative sums, ``average``, ``corrcoef``, ``trapezoid``."""

import numpy as np

from keras_core import backend
from keras_core.backend.common.keras_tensor import any_symbolic_tensors
from keras_core.ops.numpy._base import (
    INDEX_DTYPE,
    axis_arg,
    choice,
    float_dtype,
    kt,
    multiply_dims,
    ndim_of,
    one_axis,
    op_class,
    reduced_shape,
    same_dtype,
    shape_of,
    sum_dtype,
)
from keras_core.ops.op_utils import Tensor

_bnp = backend.numpy
Axis = int | tuple | list | None
_QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _axis(op, x, axis, allow_tuple=True):
    """Checks ``axis`` against the rank of ``x``: None, a non-negative int, or a tuple."""
    axes = axis_arg(op, axis, ndim_of(x), allow_tuple=allow_tuple)
    if axes is None:
        return None
    return axes if isinstance(axis, (list, tuple)) else axes[0]


def _axes(axis):
    if axis is None:
        return None
    return axis if isinstance(axis, tuple) else (axis,)


def _sum_rule(x, **config):
    return sum_dtype(x, config.get("dtype"))


def _same_rule(x, **config):
    return same_dtype(x)


def _bool_rule(x, **config):
    return "bool"


def _float_rule(x, **config):
    return float_dtype(x)


def _reduction(class_name, fn, rule):
    def spec(x, axis=None, keepdims=False, **config):
        return kt(reduced_shape(shape_of(x), _axes(axis), keepdims), rule(x, **config))

    return op_class(class_name, fn, spec)


def _cumulative(class_name, fn):
    def spec(x, axis=None, dtype=None):
        shape = shape_of(x)
        if axis is None:
            shape = (multiply_dims(*shape),)
        return kt(shape, sum_dtype(x, dtype))

    return op_class(class_name, fn, spec)


def _arg_reduction(class_name, fn):
    def spec(x, axis=None, keepdims=False):
        return kt(reduced_shape(shape_of(x), _axes(axis), keepdims), INDEX_DTYPE)

    return op_class(class_name, fn, spec)


def _quantile_spec(x, q, axis=None, method="linear", keepdims=False):
    reduced = reduced_shape(shape_of(x), _axes(axis), keepdims)
    return kt(tuple(shape_of(q)) + reduced, float_dtype(x))


def _quantile_like(class_name, fn):
    return op_class(class_name, fn, _quantile_spec)


def _count_nonzero_spec(x, axis=None):
    return kt(reduced_shape(shape_of(x), _axes(axis), False), INDEX_DTYPE)


def _average_spec(x, weights=None, axis=None):
    d = float_dtype(x) if weights is None else float_dtype(x, weights)
    return kt(reduced_shape(shape_of(x), _axes(axis), False), d)


def _corrcoef_spec(x):
    shape = shape_of(x)
    return kt(() if len(shape) == 1 else (shape[0], shape[0]), float_dtype(x))


def _trapezoid_spec(y, x=None, dx=1.0, axis=-1):
    d = float_dtype(y) if x is None else float_dtype(y, x)
    return kt(reduced_shape(shape_of(y), (axis,), False), d)


Prod = _reduction("Prod", "prod", _sum_rule)
Max = _reduction("Max", "max", _same_rule)
Min = _reduction("Min", "min", _same_rule)
Cumsum = _cumulative("Cumsum", "cumsum")
Cumprod = _cumulative("Cumprod", "cumprod")
Nancumsum = _cumulative("Nancumsum", "nancumsum")
Nancumprod = _cumulative("Nancumprod", "nancumprod")
Argmax = _arg_reduction("Argmax", "argmax")
Argmin = _arg_reduction("Argmin", "argmin")
Nanargmax = _arg_reduction("Nanargmax", "nanargmax")
Nanargmin = _arg_reduction("Nanargmin", "nanargmin")
CountNonzero = op_class("CountNonzero", "count_nonzero", _count_nonzero_spec)
Quantile = _quantile_like("Quantile", "quantile")
Nanquantile = _quantile_like("Nanquantile", "nanquantile")
Percentile = _quantile_like("Percentile", "percentile")
Nanpercentile = _quantile_like("Nanpercentile", "nanpercentile")
Average = op_class(
    "Average",
    "average",
    _average_spec,
    call=lambda config, x, weights=None: _bnp.average(x, weights=weights, **config),
)
Corrcoef = op_class("Corrcoef", "corrcoef", _corrcoef_spec)
Trapezoid = op_class("Trapezoid", "trapezoid", _trapezoid_spec)
Sum = _reduction("Sum", "sum", _sum_rule)
Nansum = _reduction("Nansum", "nansum", _sum_rule)
Nanprod = _reduction("Nanprod", "nanprod", _sum_rule)
Amax = _reduction("Amax", "amax", _same_rule)
Amin = _reduction("Amin", "amin", _same_rule)
Nanmax = _reduction("Nanmax", "nanmax", _same_rule)
Nanmin = _reduction("Nanmin", "nanmin", _same_rule)
Ptp = _reduction("Ptp", "ptp", _same_rule)
All = _reduction("All", "all", _bool_rule)
Any = _reduction("Any", "any", _bool_rule)
Mean = _reduction("Mean", "mean", _float_rule)
Nanmean = _reduction("Nanmean", "nanmean", _float_rule)
Var = _reduction("Var", "var", _float_rule)
Nanvar = _reduction("Nanvar", "nanvar", _float_rule)
Std = _reduction("Std", "std", _float_rule)
Nanstd = _reduction("Nanstd", "nanstd", _float_rule)
Median = _reduction("Median", "median", _float_rule)
Nanmedian = _reduction("Nanmedian", "nanmedian", _float_rule)


def sum(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Sums the elements of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The sums. bool/int8/int16 widen to int32 and uint8/uint16 to uint32; other dtypes are kept.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.sum([[1, 2], [3, 4]], axis=0)).tolist()
    [4, 6]
    """
    axis = _axis("sum", x, axis)
    if any_symbolic_tensors((x,)):
        return Sum(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.sum(x, axis=axis, keepdims=keepdims)


def nansum(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Sums the elements of ``x`` over ``axis``, treating NaN as zero.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The sums, with the dtype rule of ``sum``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nansum([1.0, float("nan"), 2.0])).tolist()
    3.0
    """
    axis = _axis("nansum", x, axis)
    if any_symbolic_tensors((x,)):
        return Nansum(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nansum(x, axis=axis, keepdims=keepdims)


def nanprod(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Multiplies the elements of ``x`` over ``axis``, treating NaN as one.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The products, with the dtype rule of ``sum``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanprod([2.0, float("nan"), 3.0])).tolist()
    6.0
    """
    axis = _axis("nanprod", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanprod(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanprod(x, axis=axis, keepdims=keepdims)


def amax(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The maximum of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The maxima, of the dtype of ``x``. An empty reduction raises a ValueError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.amax([[1, 5], [3, 2]], axis=1)).tolist()
    [5, 3]
    """
    axis = _axis("amax", x, axis)
    if any_symbolic_tensors((x,)):
        return Amax(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.amax(x, axis=axis, keepdims=keepdims)


def amin(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The minimum of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The minima, of the dtype of ``x``. An empty reduction raises a ValueError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.amin([[1, 5], [3, 2]], axis=1)).tolist()
    [1, 2]
    """
    axis = _axis("amin", x, axis)
    if any_symbolic_tensors((x,)):
        return Amin(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.amin(x, axis=axis, keepdims=keepdims)


def nanmax(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The maximum of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The maxima, of the dtype of ``x`` (NaN where a slice is all NaN).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanmax([1.0, float("nan"), 3.0])).tolist()
    3.0
    """
    axis = _axis("nanmax", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanmax(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The minimum of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The minima, of the dtype of ``x`` (NaN where a slice is all NaN).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanmin([1.0, float("nan"), 3.0])).tolist()
    1.0
    """
    axis = _axis("nanmin", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanmin(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanmin(x, axis=axis, keepdims=keepdims)


def ptp(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The range (maximum minus minimum) of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        The ranges, of the dtype of ``x`` (bool raises a TypeError).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.ptp([[1, 5], [3, 2]], axis=1)).tolist()
    [4, 1]
    """
    axis = _axis("ptp", x, axis)
    if any_symbolic_tensors((x,)):
        return Ptp(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.ptp(x, axis=axis, keepdims=keepdims)


def all(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Tests whether all elements over ``axis`` are true (nonzero).

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A bool tensor (True for an empty reduction).

    Example:
    >>> out = keras_core.ops.all([[True, False], [True, True]], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [False, True]
    """
    axis = _axis("all", x, axis)
    if any_symbolic_tensors((x,)):
        return All(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.all(x, axis=axis, keepdims=keepdims)


def any(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """Tests whether any element over ``axis`` is true (nonzero).

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A bool tensor (False for an empty reduction).

    Example:
    >>> out = keras_core.ops.any([[True, False], [False, False]], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [True, False]
    """
    axis = _axis("any", x, axis)
    if any_symbolic_tensors((x,)):
        return Any(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.any(x, axis=axis, keepdims=keepdims)


def mean(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The arithmetic mean of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``); NaN for an empty reduction.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.mean([[1, 2], [3, 4]], axis=0)).tolist()
    [2.0, 3.0]
    """
    axis = _axis("mean", x, axis)
    if any_symbolic_tensors((x,)):
        return Mean(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.mean(x, axis=axis, keepdims=keepdims)


def nanmean(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The mean of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanmean([1.0, float("nan"), 3.0])).tolist()
    2.0
    """
    axis = _axis("nanmean", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanmean(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanmean(x, axis=axis, keepdims=keepdims)


def var(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The variance (mean squared deviation, ``ddof=0``) of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.var([1.0, 2.0, 3.0, 4.0])).tolist()
    1.25
    """
    axis = _axis("var", x, axis)
    if any_symbolic_tensors((x,)):
        return Var(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.var(x, axis=axis, keepdims=keepdims)


def nanvar(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The variance of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanvar([1.0, float("nan"), 3.0])).tolist()
    1.0
    """
    axis = _axis("nanvar", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanvar(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanvar(x, axis=axis, keepdims=keepdims)


def std(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The standard deviation (``ddof=0``) of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.std([1.0, 3.0])).tolist()
    1.0
    """
    axis = _axis("std", x, axis)
    if any_symbolic_tensors((x,)):
        return Std(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.std(x, axis=axis, keepdims=keepdims)


def nanstd(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The standard deviation of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanstd([1.0, float("nan"), 3.0])).tolist()
    1.0
    """
    axis = _axis("nanstd", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanstd(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanstd(x, axis=axis, keepdims=keepdims)


def median(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The median of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> out = keras_core.ops.median([[1, 3, 2], [4, 6, 8]], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2.0, 6.0]
    """
    axis = _axis("median", x, axis)
    if any_symbolic_tensors((x,)):
        return Median(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.median(x, axis=axis, keepdims=keepdims)


def nanmedian(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The median of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor (integers and bools give ``floatx()``).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanmedian([1.0, float("nan"), 3.0])).tolist()
    2.0
    """
    axis = _axis("nanmedian", x, axis)
    if any_symbolic_tensors((x,)):
        return Nanmedian(axis=axis, keepdims=keepdims).symbolic_call(x)
    return _bnp.nanmedian(x, axis=axis, keepdims=keepdims)


def prod(x: Tensor, axis: Axis = None, keepdims: bool = False, dtype: str | None = None) -> Tensor:
    """Multiplies the elements of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes); negative axes count from the end.
        keepdims: keep the reduced axes with size 1.
        dtype: the result dtype; by default the dtype rule of ``sum``.

    Returns:
        The products (1 for an empty reduction).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.prod([[1, 2], [3, 4]], axis=1)).tolist()
    [2, 12]
    """
    axis = _axis("prod", x, axis)
    if any_symbolic_tensors((x,)):
        return Prod(axis=axis, keepdims=keepdims, dtype=dtype).symbolic_call(x)
    return _bnp.prod(x, axis=axis, keepdims=keepdims, dtype=dtype)


def max(
    x: Tensor, axis: Axis = None, keepdims: bool = False, initial: float | None = None
) -> Tensor:
    """The maximum of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes).
        keepdims: keep the reduced axes with size 1.
        initial: a number that also takes part in every maximum (and makes an empty
            reduction valid).

    Returns:
        The maxima, of the dtype of ``x``. An empty reduction without ``initial``
        raises a ValueError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.max([[1, 5], [3, 2]], axis=0)).tolist()
    [3, 5]
    """
    axis = _axis("max", x, axis)
    if any_symbolic_tensors((x,)):
        return Max(axis=axis, keepdims=keepdims, initial=initial).symbolic_call(x)
    return _bnp.max(x, axis=axis, keepdims=keepdims, initial=initial)


def min(
    x: Tensor, axis: Axis = None, keepdims: bool = False, initial: float | None = None
) -> Tensor:
    """The minimum of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes).
        keepdims: keep the reduced axes with size 1.
        initial: a number that also takes part in every minimum.

    Returns:
        The minima, of the dtype of ``x``. An empty reduction without ``initial``
        raises a ValueError.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.min([[1, 5], [3, 2]], axis=0)).tolist()
    [1, 2]
    """
    axis = _axis("min", x, axis)
    if any_symbolic_tensors((x,)):
        return Min(axis=axis, keepdims=keepdims, initial=initial).symbolic_call(x)
    return _bnp.min(x, axis=axis, keepdims=keepdims, initial=initial)


def _cumulative_call(op, cls, x, axis, dtype):
    if axis is not None:
        axis = one_axis(op, axis, ndim_of(x))
    if any_symbolic_tensors((x,)):
        return cls(axis=axis, dtype=dtype).symbolic_call(x)
    return getattr(_bnp, op)(x, axis=axis, dtype=dtype)


def cumsum(x: Tensor, axis: int | None = None, dtype: str | None = None) -> Tensor:
    """The cumulative sum of ``x`` along ``axis``.

    Args:
        x: a tensor.
        axis: the axis; None sums over the flattened tensor.
        dtype: the result dtype; by default the dtype rule of ``sum``.

    Returns:
        A tensor of the shape of ``x`` (1-D when ``axis`` is None).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cumsum([1, 2, 3])).tolist()
    [1, 3, 6]
    """
    return _cumulative_call("cumsum", Cumsum, x, axis, dtype)


def cumprod(x: Tensor, axis: int | None = None, dtype: str | None = None) -> Tensor:
    """The cumulative product of ``x`` along ``axis``.

    Args:
        x: a tensor.
        axis: the axis; None multiplies over the flattened tensor.
        dtype: the result dtype; by default the dtype rule of ``sum``.

    Returns:
        A tensor of the shape of ``x`` (1-D when ``axis`` is None).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.cumprod([1, 2, 3])).tolist()
    [1, 2, 6]
    """
    return _cumulative_call("cumprod", Cumprod, x, axis, dtype)


def nancumsum(x: Tensor, axis: int | None = None, dtype: str | None = None) -> Tensor:
    """The cumulative sum of ``x`` along ``axis``, treating NaN as zero.

    Args:
        x: a tensor.
        axis: the axis; None sums over the flattened tensor.
        dtype: the result dtype; by default the dtype rule of ``sum``.

    Returns:
        A tensor of the shape of ``x`` (1-D when ``axis`` is None).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nancumsum([1.0, float("nan"), 2.0])).tolist()
    [1.0, 1.0, 3.0]
    """
    return _cumulative_call("nancumsum", Nancumsum, x, axis, dtype)


def nancumprod(x: Tensor, axis: int | None = None, dtype: str | None = None) -> Tensor:
    """The cumulative product of ``x`` along ``axis``, treating NaN as one.

    Args:
        x: a tensor.
        axis: the axis; None multiplies over the flattened tensor.
        dtype: the result dtype; by default the dtype rule of ``sum``.

    Returns:
        A tensor of the shape of ``x`` (1-D when ``axis`` is None).

    Example:
    >>> out = keras_core.ops.nancumprod([2.0, float("nan"), 3.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [2.0, 2.0, 6.0]
    """
    return _cumulative_call("nancumprod", Nancumprod, x, axis, dtype)


def _arg_call(op, cls, x, axis, keepdims):
    axis = _axis(op, x, axis, allow_tuple=False)
    if any_symbolic_tensors((x,)):
        return cls(axis=axis, keepdims=keepdims).symbolic_call(x)
    return getattr(_bnp, op)(x, axis=axis, keepdims=keepdims)


def argmax(x: Tensor, axis: int | None = None, keepdims: bool = False) -> Tensor:
    """The index of the maximum along ``axis`` (of the flattened tensor if None).

    Args:
        x: a tensor.
        axis: an int, or None.
        keepdims: keep the reduced axis with size 1.

    Returns:
        An int32 tensor. Ties give the first index; a NaN counts as the maximum.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.argmax([[1, 5], [7, 2]], axis=1)).tolist()
    [1, 0]
    """
    return _arg_call("argmax", Argmax, x, axis, keepdims)


def argmin(x: Tensor, axis: int | None = None, keepdims: bool = False) -> Tensor:
    """The index of the minimum along ``axis`` (of the flattened tensor if None).

    Args:
        x: a tensor.
        axis: an int, or None.
        keepdims: keep the reduced axis with size 1.

    Returns:
        An int32 tensor. Ties give the first index; a NaN counts as the minimum.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.argmin([[1, 5], [7, 2]], axis=1)).tolist()
    [0, 1]
    """
    return _arg_call("argmin", Argmin, x, axis, keepdims)


def nanargmax(x: Tensor, axis: int | None = None, keepdims: bool = False) -> Tensor:
    """The index of the maximum along ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, or None (the flattened tensor).
        keepdims: keep the reduced axis with size 1.

    Returns:
        An int32 tensor (a slice of only NaN raises a ValueError on backends that can check).

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanargmax([1.0, float("nan"), 3.0])).tolist()
    2
    """
    return _arg_call("nanargmax", Nanargmax, x, axis, keepdims)


def nanargmin(x: Tensor, axis: int | None = None, keepdims: bool = False) -> Tensor:
    """The index of the minimum along ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        axis: an int, or None (the flattened tensor).
        keepdims: keep the reduced axis with size 1.

    Returns:
        An int32 tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.nanargmin([4.0, float("nan"), 3.0])).tolist()
    2
    """
    return _arg_call("nanargmin", Nanargmin, x, axis, keepdims)


def count_nonzero(x: Tensor, axis: Axis = None) -> Tensor:
    """Counts the nonzero elements of ``x`` over ``axis`` (NaN counts as nonzero).

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes).

    Returns:
        An int32 tensor.

    Example:
    >>> out = keras_core.ops.count_nonzero([[0, 1], [2, 3]], axis=1)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1, 2]
    """
    axis = _axis("count_nonzero", x, axis)
    if any_symbolic_tensors((x,)):
        return CountNonzero(axis=axis).symbolic_call(x)
    return _bnp.count_nonzero(x, axis=axis)


def _quantile_call(op, cls, x, q, axis, method, keepdims, scale):
    choice(op, "method", method, _QUANTILE_METHODS)
    axis = _axis(op, x, axis)
    if isinstance(q, (int, float, list, tuple)):
        # Python quantiles are exact: a float64 array, cast by the backend to the dtype of x.
        values = np.asarray(q, dtype="float64")
        if values.size and not ((values >= 0).all() and (values <= scale).all()):
            raise ValueError(f"{op}: `q` must be in [0, {scale}]. Received: q={q}")
        q = values
    if any_symbolic_tensors((x, q)):
        return cls(axis=axis, method=method, keepdims=keepdims).symbolic_call(x, q)
    return getattr(_bnp, op)(x, q, axis=axis, method=method, keepdims=keepdims)


def quantile(
    x: Tensor, q: Tensor, axis: Axis = None, method: str = "linear", keepdims: bool = False
) -> Tensor:
    """The ``q``-th quantiles of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        q: a quantile or a 1-D tensor of quantiles, in ``[0, 1]``.
        axis: an int, a tuple of ints, or None (all axes).
        method: how to interpolate between order statistics: ``'linear'``,
            ``'lower'``, ``'higher'``, ``'midpoint'`` or ``'nearest'``.
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor of shape ``q.shape + reduced shape``.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.quantile([1.0, 2.0, 3.0, 4.0], 0.5)).tolist()
    2.5
    """
    return _quantile_call("quantile", Quantile, x, q, axis, method, keepdims, 1)


def nanquantile(
    x: Tensor, q: Tensor, axis: Axis = None, method: str = "linear", keepdims: bool = False
) -> Tensor:
    """The ``q``-th quantiles of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        q: a quantile or a 1-D tensor of quantiles, in ``[0, 1]``.
        axis: an int, a tuple of ints, or None (all axes).
        method: the interpolation method (see ``quantile``).
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor of shape ``q.shape + reduced shape``.

    Example:
    >>> out = keras_core.ops.nanquantile([1.0, float("nan"), 3.0], 0.5)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    2.0
    """
    return _quantile_call("nanquantile", Nanquantile, x, q, axis, method, keepdims, 1)


def percentile(
    x: Tensor, q: Tensor, axis: Axis = None, method: str = "linear", keepdims: bool = False
) -> Tensor:
    """The ``q``-th percentiles of ``x`` over ``axis``; NaN propagates.

    Args:
        x: a tensor.
        q: a percentile or a 1-D tensor of percentiles, in ``[0, 100]``.
        axis: an int, a tuple of ints, or None (all axes).
        method: the interpolation method (see ``quantile``).
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor of shape ``q.shape + reduced shape``.

    Example:
    >>> out = keras_core.ops.percentile([1.0, 2.0, 3.0, 4.0], 50)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    2.5
    """
    return _quantile_call("percentile", Percentile, x, q, axis, method, keepdims, 100)


def nanpercentile(
    x: Tensor, q: Tensor, axis: Axis = None, method: str = "linear", keepdims: bool = False
) -> Tensor:
    """The ``q``-th percentiles of ``x`` over ``axis``, ignoring NaN.

    Args:
        x: a tensor.
        q: a percentile or a 1-D tensor of percentiles, in ``[0, 100]``.
        axis: an int, a tuple of ints, or None (all axes).
        method: the interpolation method (see ``quantile``).
        keepdims: keep the reduced axes with size 1.

    Returns:
        A floating tensor of shape ``q.shape + reduced shape``.

    Example:
    >>> out = keras_core.ops.nanpercentile([1.0, float("nan"), 3.0], 50)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    2.0
    """
    return _quantile_call("nanpercentile", Nanpercentile, x, q, axis, method, keepdims, 100)


def average(x: Tensor, axis: Axis = None, weights: Tensor = None) -> Tensor:
    """The weighted average of ``x`` over ``axis``.

    Args:
        x: a tensor.
        axis: an int, a tuple of ints, or None (all axes).
        weights: weights of the shape of ``x``, or 1-D with the length of ``x`` along
            an int ``axis``; None gives the plain mean.

    Returns:
        A floating tensor: ``sum(x * w) / sum(w)`` over ``axis``.

    Example:
    >>> out = keras_core.ops.average([1.0, 2.0, 3.0], weights=[3.0, 1.0, 0.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    1.25
    """
    axis = _axis("average", x, axis)
    if any_symbolic_tensors((x, weights)):
        if weights is None:
            return Average(axis=axis).symbolic_call(x)
        return Average(axis=axis).symbolic_call(x, weights)
    return _bnp.average(x, axis=axis, weights=weights)


def corrcoef(x: Tensor) -> Tensor:
    """The Pearson correlation coefficients of the rows of ``x`` (variables in rows).

    Args:
        x: a 1-D or 2-D tensor; each row is a variable, each column an observation.

    Returns:
        A floating tensor: 0-d for 1-D input, ``(rows, rows)`` for 2-D input.

    Example:
    >>> out = keras_core.ops.corrcoef([[1.0, 2.0, 3.0], [3.0, 1.0, 2.0]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[1.0, -0.5], [-0.5, 1.0]]
    """
    if ndim_of(x) not in (1, 2):
        raise ValueError(f"corrcoef: `x` must be 1-D or 2-D. Received: shape={shape_of(x)}")
    if any_symbolic_tensors((x,)):
        return Corrcoef().symbolic_call(x)
    return _bnp.corrcoef(x)


def trapezoid(y: Tensor, x: Tensor = None, dx: float = 1.0, axis: int = -1) -> Tensor:
    """Integrates ``y`` along ``axis`` with the trapezoidal rule.

    Args:
        y: the values to integrate.
        x: the sample points (1-D of the length of ``y`` along ``axis``, or of the shape
            of ``y``); None means evenly spaced points ``dx`` apart.
        dx: the spacing when ``x`` is None.
        axis: the axis to integrate along.

    Returns:
        A floating tensor with ``axis`` removed.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.trapezoid([1.0, 2.0, 3.0])).tolist()
    4.0
    """
    axis = one_axis("trapezoid", axis, ndim_of(y))
    if not isinstance(dx, (int, float)):
        raise TypeError(f"trapezoid: `dx` must be a number. Received: dx={dx!r}")
    if any_symbolic_tensors((y, x)):
        if x is None:
            return Trapezoid(dx=dx, axis=axis).symbolic_call(y)
        return Trapezoid(dx=dx, axis=axis).symbolic_call(y, x)
    return _bnp.trapezoid(y, x, dx=dx, axis=axis)
