"""Sum, Mean and MeanMetricWrapper (the mean of a per-sample function)."""

from keras_core import backend, ops
from keras_core.losses import loss as loss_lib
from keras_core.metrics.metric import Metric
from keras_core.saving import serialization_lib


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Reduces ``values`` to one value per sample, weighted by ``sample_weight``.

    Returns ``(weighted per-sample values, per-sample weights or None)``.
    """
    dtype = dtype or backend.floatx()
    mask = loss_lib.get_mask(values)
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
        if mask is not None:
            sample_weight = loss_lib.apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = loss_lib.squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim = len(sample_weight.shape)
        values_ndim = len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = ops.multiply(values, sample_weight)
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    values_ndim = len(values.shape)
    if values_ndim > 1:
        values = reduce_fn(values, axis=list(range(1, values_ndim)))
    return values, sample_weight


class Sum(Metric):
    """The (weighted) sum of all the values seen.

    Example:
    >>> m = keras_core.metrics.Sum()
    >>> m.update_state([1.0, 3.0, 5.0])
    >>> float(m.result())
    9.0
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=ops.sum, dtype=self.dtype
        )
        self.total.assign(ops.add(self.total.value, ops.sum(values)))

    def result(self):
        return ops.convert_to_tensor(self.total.value)


class Mean(Metric):
    """The (weighted) mean of all the values seen.

    With sample weights, ``sum(w * v) / sum(w)``; values with more axes than
    the weights are first averaged over the extra axes.

    Example:
    >>> m = keras_core.metrics.Mean()
    >>> m.update_state([1.0, 3.0, 5.0, 7.0], sample_weight=[1, 1, 0, 0])
    >>> float(m.result())
    2.0
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )
        self.count = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="count"
        )

    def update_state(self, values, sample_weight=None):
        weight = sample_weight if sample_weight is not None else 1
        if (
            isinstance(weight, (int, float))
            and not isinstance(weight, bool)
            and len(getattr(values, "shape", (None,))) == 0
            and loss_lib.get_mask(values) is None
        ):
            # One scalar with a Python weight (the trainers' loss tracker, every step):
            # the same sums in two updates instead of the general reduction.
            value = ops.multiply(ops.cast(values, self.dtype), float(weight))
            self.total.assign(ops.add(self.total.value, value))
            self.count.assign(ops.add(self.count.value, float(weight)))
            return
        values, sample_weight = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=ops.mean, dtype=self.dtype
        )
        self.total.assign(ops.add(self.total.value, ops.sum(values)))
        if sample_weight is not None:
            num_samples = ops.sum(sample_weight)
        elif len(values.shape) >= 1:
            num_samples = ops.shape(values)[0]
        else:
            num_samples = 1
        self.count.assign(ops.add(self.count.value, ops.cast(num_samples, self.dtype)))

    def result(self):
        return ops.divide_no_nan(self.total.value, self.count.value)


class MeanMetricWrapper(Mean):
    """The mean of ``fn(y_true, y_pred, **kwargs)`` over all samples seen.

    A mask on ``y_pred`` (``_keras_mask``) is folded into the sample weights.

    Args:
        fn: the per-sample function.
        name: the metric's name.
        dtype: the state dtype.
        **kwargs: keyword arguments for ``fn``.

    Example:
    >>> m = keras_core.metrics.MeanMetricWrapper(keras_core.losses.mean_absolute_error)
    >>> m.update_state([[0.0, 1.0]], [[1.0, 1.0]])
    >>> float(m.result())
    0.5
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", None), dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = loss_lib.get_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if sample_weight is not None and mask is not None:
            sample_weight = loss_lib.apply_mask(
                sample_weight, mask, dtype=self.dtype, reduction="sum"
            )
        elif mask is not None:
            sample_weight = ops.cast(mask, self.dtype)
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype}
        if type(self) is MeanMetricWrapper:
            config["fn"] = serialization_lib.serialize_keras_object(self._fn)
        config.update(serialization_lib.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if cls is MeanMetricWrapper and "fn" in config:
            config["fn"] = serialization_lib.deserialize_keras_object(config["fn"])
        return cls(**config)
