"""The Loss base class and the weighting/reduction rules shared with metrics.

``Loss.__call__(y_true, y_pred, sample_weight)`` converts both inputs to the
loss dtype, computes per-sample values with ``call``, merges the mask (a
``_keras_mask`` on ``y_pred`` or on the values) into the sample weights, and
reduces: ``"sum_over_batch_size"`` (the default: the weighted sum divided by
the number of values; masked entries are left out of the count), ``"sum"``,
``"mean"`` (same as ``sum_over_batch_size``), ``"mean_with_sample_weight"``
(divided by the sum of the weights) or ``"none"``/None (no reduction).
"""

import math

from keras_core import backend, ops
from keras_core.backend.common import tree
from keras_core.backend.common.masking import get_keras_mask

REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None)


def standardize_reduction(reduction):
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"Invalid value for argument `reduction`. Expected one of {REDUCTIONS}. "
            f"Received: reduction={reduction!r}"
        )
    return reduction


def get_mask(x):
    """The ``_keras_mask`` attached to ``x``, if any."""
    return get_keras_mask(x)


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Makes ranks equal when they differ by a trailing dimension of size 1."""
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    elif r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def _broadcast_weight(weight, values):
    """Appends trailing axes to ``weight`` so a per-sample weight broadcasts over ``values``."""
    while len(weight.shape) < len(values.shape):
        weight = ops.expand_dims(weight, axis=-1)
    return weight


def apply_mask(sample_weight, mask, dtype, reduction):
    """Folds ``mask`` into ``sample_weight``.

    For the mean reductions the kept entries are scaled by ``total / valid``
    so that dividing by the number of values averages over the valid ones only.
    """
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, dtype)
    if reduction in ("mean", "sum_over_batch_size"):
        total = ops.cast(ops.size(mask), dtype)
        valid = ops.sum(mask)
        mask = ops.multiply(mask, ops.divide(total, ops.add(valid, backend.epsilon())))
    if sample_weight is None:
        return mask
    sample_weight = ops.cast(sample_weight, dtype)
    mask, sample_weight = squeeze_or_expand_to_same_rank(mask, sample_weight)
    if len(sample_weight.shape) < len(mask.shape):
        sample_weight = _broadcast_weight(sample_weight, mask)
    elif len(mask.shape) < len(sample_weight.shape):
        mask = _broadcast_weight(mask, sample_weight)
    return ops.multiply(sample_weight, mask)


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Reduces already-weighted ``values`` to a scalar (or not, for "none")."""
    if reduction is None or reduction == "none":
        return values
    if tuple(values.shape) == ():
        return values
    weighted_mean = reduction == "mean_with_sample_weight" and sample_weight is not None
    if (
        reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight")
        and not weighted_mean
    ):
        size = math.prod(values.shape) if None not in tuple(values.shape) else None
        if size:
            # A static, non-zero count: the plain mean (one op, no division guard).
            return ops.mean(values)
    loss = ops.sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if weighted_mean:
            divisor = ops.cast(ops.sum(sample_weight), loss.dtype)
        else:
            divisor = ops.cast(ops.size(values), loss.dtype)
        loss = ops.divide_no_nan(loss, divisor)
    return loss


def reduce_weighted_values(
    values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None
):
    """Weights ``values`` by ``sample_weight`` (and ``mask``) and reduces them."""
    reduction = standardize_reduction(reduction)
    dtype = dtype or backend.floatx()
    values = ops.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
    if mask is not None:
        mask = ops.convert_to_tensor(mask)
    sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction=reduction)
    if sample_weight is not None:
        sample_weight = ops.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        if len(sample_weight.shape) < len(values.shape):
            sample_weight = _broadcast_weight(sample_weight, values)
        values = ops.multiply(values, sample_weight)
    return reduce_values(values, sample_weight, reduction)


def _is_plain_nested_list(x):
    if isinstance(x, (list, tuple)):
        return all(_is_plain_nested_list(e) for e in x)
    return isinstance(x, (int, float, bool)) or (hasattr(x, "dtype") and not hasattr(x, "shape"))


def _convert(x, dtype):
    """Converts ``x`` (a tensor, an array, a nested list of numbers, or a structure of tensors)."""
    if isinstance(x, dict) or (isinstance(x, (list, tuple)) and not _is_plain_nested_list(x)):
        return tree.map_structure(lambda e: ops.convert_to_tensor(e, dtype=dtype), x)
    return ops.convert_to_tensor(x, dtype=dtype)


class Loss:
    """Base class of losses: subclasses implement ``call(y_true, y_pred)``.

    ``call`` returns per-sample (or per-element) loss values; ``__call__``
    weights and reduces them.

    Args:
        name: the loss's name.
        reduction: ``"sum_over_batch_size"`` (default), ``"sum"``, ``"mean"``,
            ``"mean_with_sample_weight"`` or ``"none"``/None.
        dtype: the dtype the inputs are cast to and the loss is computed in
            (default ``floatx()``).

    Example:
    >>> class Absolute(keras_core.losses.Loss):
    ...     def call(self, y_true, y_pred):
    ...         return keras_core.ops.abs(y_true - y_pred)
    >>> float(Absolute()(np.array([1.0, 2.0]), np.array([2.0, 4.0])))
    1.5
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        from keras_core.ops.operation import _to_snake_case

        self.name = name or _to_snake_case(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype = backend.standardize_dtype(dtype) if dtype is not None else None

    @property
    def dtype(self):
        return self._dtype or backend.floatx()

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = get_mask(y_pred)
        dtype = self.dtype
        y_pred = _convert(y_pred, dtype)
        y_true = _convert(y_true, dtype)
        out = self._call_with_mask(y_true, y_pred)
        values, out_mask = out
        if out_mask is None:
            out_mask = get_mask(values)
        if in_mask is not None and out_mask is not None:
            mask = ops.logical_and(ops.cast(in_mask, "bool"), ops.cast(out_mask, "bool"))
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(
            values, sample_weight=sample_weight, mask=mask, reduction=self.reduction, dtype=dtype
        )

    def _call_with_mask(self, y_true, y_pred):
        """``(values, mask)``: subclasses that produce a mask (ignore_class) override it."""
        return self.call(y_true, y_pred), None

    def call(self, y_true, y_pred):
        raise NotImplementedError(
            f"{type(self).__name__} must implement `call(y_true, y_pred)` returning the "
            "per-sample loss values."
        )

    def get_config(self) -> dict:
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, reduction={self.reduction}>"
