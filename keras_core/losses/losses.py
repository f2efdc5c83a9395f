"""The built-in losses: per-sample functions and the Loss classes that wrap them.

Each function takes ``(y_true, y_pred, ...)`` and returns per-sample values
(usually the mean over the last axis); each class is a ``LossFunctionWrapper``
around its function that adds weighting and reduction.
"""

import math

from keras_core import backend, ops
from keras_core.losses.loss import Loss, squeeze_or_expand_to_same_rank
from keras_core.saving import serialization_lib


def _pair(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    if not backend.is_float_dtype(y_pred.dtype):
        y_pred = ops.cast(y_pred, backend.floatx())
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _check_axis(axis):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis!r}")


# ---------------------------------------------------------------------------
# Regression losses


def mean_squared_error(y_true, y_pred):
    """``mean((y_true - y_pred) ** 2, axis=-1)``.

    Example:
    >>> [round(x, 6) for x in keras_core.ops.convert_to_numpy(
    ...     keras_core.losses.mean_squared_error([[0.0, 2.0]], [[1.0, 0.0]])).tolist()]
    [2.5]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """``mean(abs(y_true - y_pred), axis=-1)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(
    ...     keras_core.losses.mean_absolute_error([[0.0, 2.0]], [[1.0, 0.0]])).tolist()
    [1.5]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.abs(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """``100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)``.

    Example:
    >>> keras_core.ops.convert_to_numpy(
    ...     keras_core.losses.mean_absolute_percentage_error([[2.0, 4.0]], [[1.0, 4.0]])).tolist()
    [25.0]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    diff = ops.abs(
        ops.divide(ops.subtract(y_true, y_pred), ops.maximum(ops.abs(y_true), backend.epsilon()))
    )
    return ops.multiply(100.0, ops.mean(diff, axis=-1))


def mean_squared_logarithmic_error(y_true, y_pred):
    """``mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)) ** 2, axis=-1)``.

    Example:
    >>> round(float(keras_core.losses.mean_squared_logarithmic_error([[0.0]], [[math.e - 1]])[0]), 5)
    1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps = backend.epsilon()
    first = ops.log(ops.add(ops.maximum(y_pred, eps), 1.0))
    second = ops.log(ops.add(ops.maximum(y_true, eps), 1.0))
    return ops.mean(ops.square(ops.subtract(first, second)), axis=-1)


def _l2_normalize(x, axis):
    square_sum = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, ops.rsqrt(ops.maximum(square_sum, 1e-12)))


def cosine_similarity(y_true, y_pred, axis=-1):
    """``-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)``: -1 for identical directions.

    Example:
    >>> round(float(keras_core.losses.cosine_similarity([[1.0, 1.0]], [[2.0, 2.0]])[0]), 5)
    -1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _l2_normalize(y_true, axis)
    y_pred = _l2_normalize(y_pred, axis)
    return ops.negative(ops.sum(ops.multiply(y_true, y_pred), axis=axis))


def huber(y_true, y_pred, delta=1.0):
    """Quadratic for ``|error| <= delta``, linear beyond; the mean over the last axis.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.losses.huber([[0.0, 0.0]], [[0.5, 3.0]])).tolist()
    [1.3125]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    delta = ops.cast(delta, y_pred.dtype)
    error = ops.subtract(y_pred, y_true)
    abs_error = ops.abs(error)
    quadratic = ops.multiply(0.5, ops.square(error))
    linear = ops.subtract(ops.multiply(delta, abs_error), ops.multiply(0.5, ops.square(delta)))
    return ops.mean(ops.where(ops.less_equal(abs_error, delta), quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``, computed without overflow.

    Example:
    >>> round(float(keras_core.losses.log_cosh([[0.0]], [[1.0]])[0]), 5)
    0.43378
    """
    y_true, y_pred = _pair(y_true, y_pred)
    x = ops.subtract(y_pred, y_true)
    # log(cosh(x)) = x + softplus(-2x) - log(2)
    return ops.mean(
        ops.subtract(ops.add(x, ops.softplus(ops.multiply(-2.0, x))), math.log(2.0)), axis=-1
    )


# ---------------------------------------------------------------------------
# Probabilistic losses


def kl_divergence(y_true, y_pred):
    """``sum(y_true * log(y_true / y_pred), axis=-1)``, both clipped to ``[epsilon, 1]``.

    Example:
    >>> round(float(keras_core.losses.kl_divergence([[0.5, 0.5]], [[0.25, 0.75]])[0]), 5)
    0.14384
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps = backend.epsilon()
    y_true = ops.clip(y_true, eps, 1.0)
    y_pred = ops.clip(y_pred, eps, 1.0)
    return ops.sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)


def poisson(y_true, y_pred):
    """``mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)``.

    Example:
    >>> round(float(keras_core.losses.poisson([[1.0]], [[1.0]])[0]), 5)
    1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(
        ops.subtract(y_pred, ops.multiply(y_true, ops.log(ops.add(y_pred, backend.epsilon())))),
        axis=-1,
    )


def _smooth_categorical(y_true, label_smoothing):
    if not label_smoothing:
        return y_true
    num_classes = ops.cast(ops.shape(y_true)[-1], y_true.dtype)
    return ops.add(
        ops.multiply(y_true, 1.0 - label_smoothing), ops.divide(label_smoothing, num_classes)
    )


def _smooth_binary(y_true, label_smoothing):
    if not label_smoothing:
        return y_true
    return ops.add(ops.multiply(y_true, 1.0 - label_smoothing), 0.5 * label_smoothing)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Cross-entropy between one-hot (or soft) targets and predictions, along ``axis``.

    Args:
        y_true: the targets, the shape of ``y_pred``.
        y_pred: probabilities, or logits with ``from_logits=True``.
        from_logits: whether ``y_pred`` holds logits.
        label_smoothing: mixes the targets with the uniform distribution.
        axis: the class axis.

    Example:
    >>> round(float(keras_core.losses.categorical_crossentropy([[0.0, 1.0]], [[0.5, 0.5]])[0]), 5)
    0.69315
    """
    _check_axis(axis)
    y_pred = ops.convert_to_tensor(y_pred)
    if not backend.is_float_dtype(y_pred.dtype):
        y_pred = ops.cast(y_pred, backend.floatx())
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    if len(y_pred.shape) < 1 or tuple(y_true.shape) != tuple(y_pred.shape):
        raise ValueError(
            "Arguments `y_true` and `y_pred` must have the same shape. Received: "
            f"y_true.shape={tuple(y_true.shape)}, y_pred.shape={tuple(y_pred.shape)}"
        )
    y_true = _smooth_categorical(y_true, label_smoothing)
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def _sparse_cce_with_mask(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    y_pred = ops.convert_to_tensor(y_pred)
    if not backend.is_float_dtype(y_pred.dtype):
        y_pred = ops.cast(y_pred, backend.floatx())
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    valid = None
    if ignore_class is not None:
        valid = ops.not_equal(y_true, ops.cast(ignore_class, y_true.dtype))
        y_true = ops.where(valid, y_true, ops.zeros_like(y_true))
    y_true = ops.cast(y_true, "int32")
    res = ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if valid is not None:
        res = ops.where(valid, res, ops.zeros_like(res))
    return res, valid


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Categorical cross-entropy with integer class-id targets.

    Args:
        y_true: class ids: ``y_pred``'s shape without ``axis`` (or with a trailing 1).
        y_pred: probabilities, or logits with ``from_logits=True``.
        from_logits: whether ``y_pred`` holds logits.
        ignore_class: a class id whose entries give a zero loss (and are left
            out of the mean by the ``SparseCategoricalCrossentropy`` class).
        axis: the class axis.

    Example:
    >>> round(float(keras_core.losses.sparse_categorical_crossentropy([1], [[0.5, 0.5]])[0]), 5)
    0.69315
    """
    return _sparse_cce_with_mask(y_true, y_pred, from_logits, ignore_class, axis)[0]


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy, averaged over ``axis``.

    Example:
    >>> round(float(keras_core.losses.binary_crossentropy([[1.0, 0.0]], [[0.5, 0.5]])[0]), 5)
    0.69315
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _smooth_binary(y_true, label_smoothing)
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(
    y_true,
    y_pred,
    apply_class_balancing=False,
    alpha=0.25,
    gamma=2.0,
    from_logits=False,
    label_smoothing=0.0,
    axis=-1,
):
    """Binary cross-entropy down-weighting easy examples by ``(1 - p_t) ** gamma``.

    With ``apply_class_balancing``, positives are weighted by ``alpha`` and
    negatives by ``1 - alpha``.

    Example:
    >>> round(float(keras_core.losses.binary_focal_crossentropy([[1.0]], [[0.5]])[0]), 5)
    0.17329
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _smooth_binary(y_true, label_smoothing)
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = ops.add(
        ops.multiply(y_true, y_pred),
        ops.multiply(ops.subtract(1.0, y_true), ops.subtract(1.0, y_pred)),
    )
    focal = ops.multiply(ops.power(ops.subtract(1.0, p_t), gamma), bce)
    if apply_class_balancing:
        weight = ops.add(
            ops.multiply(y_true, alpha), ops.multiply(ops.subtract(1.0, y_true), 1.0 - alpha)
        )
        focal = ops.multiply(weight, focal)
    return ops.mean(focal, axis=axis)


def categorical_focal_crossentropy(
    y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1
):
    """Categorical cross-entropy weighted by ``alpha * (1 - p) ** gamma`` per class.

    Example:
    >>> round(float(keras_core.losses.categorical_focal_crossentropy([[0.0, 1.0]], [[0.5, 0.5]])[0]), 5)
    0.04332
    """
    _check_axis(axis)
    y_pred = ops.convert_to_tensor(y_pred)
    if not backend.is_float_dtype(y_pred.dtype):
        y_pred = ops.cast(y_pred, backend.floatx())
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    if tuple(y_true.shape) != tuple(y_pred.shape):
        raise ValueError(
            "Arguments `y_true` and `y_pred` must have the same shape. Received: "
            f"y_true.shape={tuple(y_true.shape)}, y_pred.shape={tuple(y_pred.shape)}"
        )
    y_true = _smooth_categorical(y_true, label_smoothing)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    output = ops.divide(y_pred, ops.sum(y_pred, axis=axis, keepdims=True))
    eps = backend.epsilon()
    output = ops.clip(output, eps, 1.0 - eps)
    cce = ops.multiply(ops.negative(y_true), ops.log(output))
    weight = ops.multiply(ops.power(ops.subtract(1.0, output), gamma), alpha)
    return ops.sum(ops.multiply(weight, cce), axis=axis)


# ---------------------------------------------------------------------------
# Hinge losses


def _to_signed_labels(y_true):
    """Maps {0, 1} labels to {-1, 1}; other labels are kept as they are."""
    is_binary = ops.all(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)))
    return ops.where(is_binary, ops.subtract(ops.multiply(2.0, y_true), 1.0), y_true)


def hinge(y_true, y_pred):
    """``mean(max(1 - y_true * y_pred, 0), axis=-1)``; {0, 1} labels become {-1, 1}.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.losses.hinge([[1.0, 0.0]], [[0.5, 0.5]])).tolist()
    [1.0]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _to_signed_labels(y_true)
    return ops.mean(ops.maximum(ops.subtract(1.0, ops.multiply(y_true, y_pred)), 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """``mean(max(1 - y_true * y_pred, 0) ** 2, axis=-1)``; {0, 1} labels become {-1, 1}.

    Example:
    >>> keras_core.ops.convert_to_numpy(
    ...     keras_core.losses.squared_hinge([[1.0, 0.0]], [[0.5, 0.5]])).tolist()
    [1.25]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _to_signed_labels(y_true)
    return ops.mean(
        ops.square(ops.maximum(ops.subtract(1.0, ops.multiply(y_true, y_pred)), 0.0)), axis=-1
    )


def categorical_hinge(y_true, y_pred):
    """``max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)`` over the last axis.

    Example:
    >>> round(float(keras_core.losses.categorical_hinge([[0.0, 1.0]], [[0.3, 0.6]])[0]), 5)
    0.7
    """
    y_true, y_pred = _pair(y_true, y_pred)
    pos = ops.sum(ops.multiply(y_true, y_pred), axis=-1)
    neg = ops.max(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=-1)
    return ops.maximum(ops.add(ops.subtract(neg, pos), 1.0), 0.0)


# ---------------------------------------------------------------------------
# Loss classes


class LossFunctionWrapper(Loss):
    """A Loss computing ``fn(y_true, y_pred, **kwargs)``.

    Args:
        fn: the per-sample loss function.
        reduction: see ``Loss``.
        name: the loss's name.
        dtype: the computation dtype.
        **kwargs: keyword arguments for ``fn`` (kept in the config).

    Example:
    >>> loss = keras_core.losses.LossFunctionWrapper(keras_core.losses.huber, delta=0.5)
    >>> float(loss([[0.0]], [[0.25]]))
    0.03125
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(
            name=name or getattr(fn, "__name__", None), reduction=reduction, dtype=dtype
        )
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        if type(self) is LossFunctionWrapper:
            config["fn"] = serialization_lib.serialize_keras_object(self.fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if cls is LossFunctionWrapper and "fn" in config:
            config["fn"] = serialization_lib.deserialize_keras_object(config["fn"])
        return cls(**config)


class MeanSquaredError(LossFunctionWrapper):
    """Mean of the squared errors: see ``mean_squared_error``.

    Example:
    >>> float(keras_core.losses.MeanSquaredError()([[0.0, 1.0]], [[1.0, 1.0]]))
    0.5
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsoluteError(LossFunctionWrapper):
    """Mean of the absolute errors: see ``mean_absolute_error``.

    Example:
    >>> float(keras_core.losses.MeanAbsoluteError()([[0.0, 1.0]], [[1.0, 1.0]]))
    0.5
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """Mean absolute percentage error: see ``mean_absolute_percentage_error``.

    Example:
    >>> float(keras_core.losses.MeanAbsolutePercentageError()([[2.0]], [[1.0]]))
    50.0
    """

    def __init__(
        self,
        reduction="sum_over_batch_size",
        name="mean_absolute_percentage_error",
        dtype=None,
    ):
        super().__init__(
            mean_absolute_percentage_error, reduction=reduction, name=name, dtype=dtype
        )


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """Mean squared logarithmic error: see ``mean_squared_logarithmic_error``.

    Example:
    >>> float(keras_core.losses.MeanSquaredLogarithmicError()([[1.0]], [[1.0]]))
    0.0
    """

    def __init__(
        self,
        reduction="sum_over_batch_size",
        name="mean_squared_logarithmic_error",
        dtype=None,
    ):
        super().__init__(
            mean_squared_logarithmic_error, reduction=reduction, name=name, dtype=dtype
        )


class CosineSimilarity(LossFunctionWrapper):
    """Negative cosine similarity along ``axis``: see ``cosine_similarity``.

    Example:
    >>> round(float(keras_core.losses.CosineSimilarity()([[1.0, 0.0]], [[1.0, 0.0]])), 5)
    -1.0
    """

    def __init__(
        self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity", dtype=None
    ):
        super().__init__(cosine_similarity, reduction=reduction, name=name, dtype=dtype, axis=axis)


class Huber(LossFunctionWrapper):
    """Huber loss with threshold ``delta``: see ``huber``.

    Example:
    >>> float(keras_core.losses.Huber()([[0.0]], [[3.0]]))
    2.5
    """

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=delta)


class LogCosh(LossFunctionWrapper):
    """Logarithm of the hyperbolic cosine of the error: see ``log_cosh``.

    Example:
    >>> float(keras_core.losses.LogCosh()([[0.0]], [[0.0]]))
    0.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, reduction=reduction, name=name, dtype=dtype)


class KLDivergence(LossFunctionWrapper):
    """Kullback-Leibler divergence: see ``kl_divergence``.

    Example:
    >>> float(keras_core.losses.KLDivergence()([[0.5, 0.5]], [[0.5, 0.5]]))
    0.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, reduction=reduction, name=name, dtype=dtype)


class Poisson(LossFunctionWrapper):
    """Poisson loss: see ``poisson``.

    Example:
    >>> round(float(keras_core.losses.Poisson()([[1.0]], [[1.0]])), 5)
    1.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, reduction=reduction, name=name, dtype=dtype)


class BinaryCrossentropy(LossFunctionWrapper):
    """Binary cross-entropy: see ``binary_crossentropy``.

    Args:
        from_logits: whether ``y_pred`` holds logits.
        label_smoothing: squeezes the targets towards 0.5.
        axis: the axis the mean is taken over.
        reduction, name, dtype: see ``Loss``.

    Example:
    >>> round(float(keras_core.losses.BinaryCrossentropy()([[1.0]], [[0.5]])), 5)
    0.69315
    """

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="binary_crossentropy",
        dtype=None,
    ):
        super().__init__(
            binary_crossentropy,
            reduction=reduction,
            name=name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """Binary focal cross-entropy: see ``binary_focal_crossentropy``.

    Example:
    >>> round(float(keras_core.losses.BinaryFocalCrossentropy()([[1.0]], [[0.5]])), 5)
    0.17329
    """

    def __init__(
        self,
        apply_class_balancing=False,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="binary_focal_crossentropy",
        dtype=None,
    ):
        super().__init__(
            binary_focal_crossentropy,
            reduction=reduction,
            name=name,
            dtype=dtype,
            apply_class_balancing=apply_class_balancing,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma


class CategoricalCrossentropy(LossFunctionWrapper):
    """Categorical cross-entropy: see ``categorical_crossentropy``.

    Example:
    >>> round(float(keras_core.losses.CategoricalCrossentropy()([[0.0, 1.0]], [[0.5, 0.5]])), 5)
    0.69315
    """

    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="categorical_crossentropy",
        dtype=None,
    ):
        super().__init__(
            categorical_crossentropy,
            reduction=reduction,
            name=name,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """Categorical focal cross-entropy: see ``categorical_focal_crossentropy``.

    Example:
    >>> round(float(keras_core.losses.CategoricalFocalCrossentropy()([[0.0, 1.0]], [[0.5, 0.5]])), 5)
    0.04332
    """

    def __init__(
        self,
        alpha=0.25,
        gamma=2.0,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="categorical_focal_crossentropy",
        dtype=None,
    ):
        super().__init__(
            categorical_focal_crossentropy,
            reduction=reduction,
            name=name,
            dtype=dtype,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.alpha = alpha
        self.gamma = gamma


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Sparse categorical cross-entropy: see ``sparse_categorical_crossentropy``.

    Entries whose target is ``ignore_class`` are masked: they add nothing
    and, for the mean reductions, are not counted.

    Example:
    >>> loss = keras_core.losses.SparseCategoricalCrossentropy(ignore_class=0)
    >>> round(float(loss([1, 0], [[0.5, 0.5], [0.9, 0.1]])), 5)
    0.69315
    """

    def __init__(
        self,
        from_logits=False,
        ignore_class=None,
        reduction="sum_over_batch_size",
        name="sparse_categorical_crossentropy",
        dtype=None,
    ):
        super().__init__(
            sparse_categorical_crossentropy,
            reduction=reduction,
            name=name,
            dtype=dtype,
            from_logits=from_logits,
            ignore_class=ignore_class,
        )
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def call(self, y_true, y_pred):
        return _sparse_cce_with_mask(y_true, y_pred, **self._fn_kwargs)[0]

    def _call_with_mask(self, y_true, y_pred):
        return _sparse_cce_with_mask(y_true, y_pred, **self._fn_kwargs)


class Hinge(LossFunctionWrapper):
    """Hinge loss: see ``hinge``.

    Example:
    >>> float(keras_core.losses.Hinge()([[1.0]], [[0.5]]))
    0.5
    """

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, reduction=reduction, name=name, dtype=dtype)


class SquaredHinge(LossFunctionWrapper):
    """Squared hinge loss: see ``squared_hinge``.

    Example:
    >>> float(keras_core.losses.SquaredHinge()([[1.0]], [[0.5]]))
    0.25
    """

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, reduction=reduction, name=name, dtype=dtype)


class CategoricalHinge(LossFunctionWrapper):
    """Categorical hinge loss: see ``categorical_hinge``.

    Example:
    >>> float(keras_core.losses.CategoricalHinge()([[0.0, 1.0]], [[0.0, 1.0]]))
    0.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, reduction=reduction, name=name, dtype=dtype)
