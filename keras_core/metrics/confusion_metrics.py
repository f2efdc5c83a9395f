"""Confusion-matrix metrics: counts, precision, recall, constrained rates and AUC.

All of them accumulate weighted true/false positive/negative counts at a
list of thresholds (a prediction is positive when it is strictly greater
than the threshold). For evenly spaced thresholds (AUC and the
``...AtRecall``-style metrics) the counts come from one bucketing pass and a
reversed cumulative sum, in time and memory linear in the batch; for other
thresholds every prediction is compared with every threshold.
"""

import numpy as np

from keras_core import activations, backend, ops
from keras_core.losses.loss import squeeze_or_expand_to_same_rank
from keras_core.metrics.metric import Metric

NEG_INF = -1e10
_KEYS = ("tp", "fp", "tn", "fn")


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is None:
        return [default_threshold]
    values = [thresholds] if isinstance(thresholds, (int, float)) else list(thresholds)
    for t in values:
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0 <= t <= 1:
            raise ValueError(
                f"Threshold values must be in [0, 1]. Received: thresholds={thresholds!r}"
            )
    return [float(t) for t in values]


def is_evenly_distributed_thresholds(thresholds):
    thresholds = np.asarray(thresholds, dtype="float64")
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype="float64") / (n - 1)
    return bool(np.allclose(thresholds, even, atol=backend.epsilon()))


def _filter_top_k(x, k):
    """Keeps the ``k`` largest entries of each row; the others become ``NEG_INF``."""
    _, indices = ops.top_k(x, k, sorted=False)
    mask = ops.sum(ops.one_hot(indices, x.shape[-1], dtype=x.dtype), axis=-2)
    return ops.add(ops.multiply(x, mask), ops.multiply(NEG_INF, ops.subtract(1.0, mask)))


def update_confusion_matrix_variables(
    variables_to_update,
    y_true,
    y_pred,
    thresholds,
    top_k=None,
    class_id=None,
    sample_weight=None,
    multi_label=False,
    label_weights=None,
    thresholds_distributed_evenly=False,
    dtype="float32",
):
    """Adds this batch's weighted tp/fp/tn/fn counts to the given variables.

    Args:
        variables_to_update: ``{"tp"|"fp"|"tn"|"fn": Variable}``, each of shape
            ``(len(thresholds),)`` (or ``(len(thresholds), num_labels)`` with
            ``multi_label``).
        y_true: labels; nonzero is positive.
        y_pred: scores in [0, 1].
        thresholds: a list of floats.
        top_k: only the top ``k`` scores of each row can be positive.
        class_id: only this class (last axis) is counted.
        sample_weight: weights broadcastable from the leading axes.
        multi_label: count each label (last axis) separately.
        label_weights: per-label weights (last axis), when not ``multi_label``.
        thresholds_distributed_evenly: the thresholds are ``i / (n - 1)``
            (allowing first/last slightly outside [0, 1]): use bucketing.
        dtype: the dtype of the counts.
    """
    for key in variables_to_update:
        if key not in _KEYS:
            raise ValueError(f"Invalid key {key!r} in `variables_to_update`: expected {_KEYS}.")
    y_pred = ops.cast(ops.convert_to_tensor(y_pred), dtype)
    y_true = ops.convert_to_tensor(y_true)
    if y_true.dtype != "bool":
        y_true = ops.cast(y_true, dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id : class_id + 1]
        y_pred = y_pred[..., class_id : class_id + 1]
    if tuple(y_true.shape) != tuple(y_pred.shape):
        y_true = ops.broadcast_to(y_true, ops.shape(y_pred))
    labels = ops.cast(y_true, "bool")
    weights = ops.ones_like(y_pred)
    if sample_weight is not None:
        sw = ops.convert_to_tensor(sample_weight, dtype=dtype)
        if class_id is not None and len(sw.shape) == len(y_pred.shape) and sw.shape[-1] != 1:
            sw = sw[..., class_id : class_id + 1]
        while len(sw.shape) < len(y_pred.shape):
            sw = ops.expand_dims(sw, axis=-1)
        weights = ops.multiply(weights, sw)
    if label_weights is not None and not multi_label:
        lw = ops.convert_to_tensor(label_weights, dtype=dtype)
        weights = ops.multiply(weights, lw)
    if multi_label:
        num_labels = y_pred.shape[-1]
        y_pred = ops.reshape(y_pred, (-1, num_labels))
        labels = ops.reshape(labels, (-1, num_labels))
        weights = ops.reshape(weights, (-1, num_labels))
    else:
        y_pred = ops.reshape(y_pred, (-1,))
        labels = ops.reshape(labels, (-1,))
        weights = ops.reshape(weights, (-1,))
    pos_w = ops.multiply(weights, ops.cast(labels, dtype))
    neg_w = ops.multiply(weights, ops.cast(ops.logical_not(labels), dtype))
    num_thresholds = len(thresholds)
    if thresholds_distributed_evenly:
        counts = _counts_by_bucket(y_pred, pos_w, neg_w, thresholds, multi_label)
    else:
        thr = ops.convert_to_tensor(np.asarray(thresholds, dtype="float32"), dtype=dtype)
        thr = ops.reshape(thr, (num_thresholds,) + (1,) * len(y_pred.shape))
        is_pos = ops.cast(ops.greater(ops.expand_dims(y_pred, 0), thr), dtype)
        is_neg = ops.subtract(1.0, is_pos)
        counts = {
            "tp": ops.sum(ops.multiply(is_pos, pos_w), axis=1),
            "fp": ops.sum(ops.multiply(is_pos, neg_w), axis=1),
            "fn": ops.sum(ops.multiply(is_neg, pos_w), axis=1),
            "tn": ops.sum(ops.multiply(is_neg, neg_w), axis=1),
        }
    for key, variable in variables_to_update.items():
        variable.assign(ops.add(variable.value, ops.cast(counts[key], variable._dtype)))


def _counts_by_bucket(y_pred, pos_w, neg_w, thresholds, multi_label):
    """tp/fp/tn/fn at evenly spaced thresholds ``i / (n - 1)`` with one bucketing pass.

    ``y_pred > i / (n - 1)`` exactly when ``i <= ceil(y_pred * (n - 1)) - 1``:
    each prediction lands in segment ``ceil(y_pred * (n - 1))`` (0 to n) and
    is positive at threshold ``i`` when its segment is above ``i``. The
    positive counts are reversed cumulative sums over the segments, the
    negative ones forward cumulative sums (sums of non-negative weights, so
    no count comes from a difference). A first threshold below 0 makes every
    prediction >= 0 positive there (segment at least 1).
    """
    n = len(thresholds)
    segment = ops.ceil(ops.multiply(y_pred, float(n - 1)))
    low = 1.0 if thresholds[0] < 0 else 0.0
    segment = ops.cast(ops.clip(segment, low, float(n)), "int32")
    num_segments = n + 1
    if multi_label:
        num_labels = y_pred.shape[-1]
        label_ids = ops.arange(num_labels, dtype="int32")
        segment = ops.add(ops.multiply(segment, num_labels), label_ids)
        num_segments = num_segments * num_labels
    flat_segment = ops.reshape(segment, (-1,))

    def segment_sums(w):
        sums = ops.segment_sum(ops.reshape(w, (-1,)), flat_segment, num_segments=num_segments)
        if multi_label:
            sums = ops.reshape(sums, (n + 1, y_pred.shape[-1]))
        return sums

    def above(sums):  # sum over segments > i, for i in [0, n)
        return ops.flip(ops.cumsum(ops.flip(sums, axis=0), axis=0), axis=0)[1:]

    def at_or_below(sums):  # sum over segments <= i, for i in [0, n)
        return ops.cumsum(sums, axis=0)[:n]

    pos, neg = segment_sums(pos_w), segment_sums(neg_w)
    return {"tp": above(pos), "fp": above(neg), "fn": at_or_below(pos), "tn": at_or_below(neg)}


class _ConfusionMatrixConditionCount(Metric):
    """Accumulates one confusion-matrix cell at each threshold."""

    _cell = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = parse_init_thresholds(thresholds, default_threshold=0.5)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_variable(
            shape=(len(self.thresholds),), initializer="zeros", name="accumulator"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {self._cell: self.accumulator},
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
            dtype=self.dtype,
        )

    def result(self):
        if len(self.thresholds) == 1:
            return self.accumulator.value[0]
        return ops.convert_to_tensor(self.accumulator.value)

    def get_config(self):
        config = super().get_config()
        config["thresholds"] = self.init_thresholds
        return config


class TruePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true positives at each threshold.

    Example:
    >>> m = keras_core.metrics.TruePositives()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> float(m.result())
    2.0
    """

    _cell = "tp"


class FalsePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false positives at each threshold.

    Example:
    >>> m = keras_core.metrics.FalsePositives()
    >>> m.update_state([0, 1, 0, 0], [0, 0, 1, 1])
    >>> float(m.result())
    2.0
    """

    _cell = "fp"


class TrueNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true negatives at each threshold.

    Example:
    >>> m = keras_core.metrics.TrueNegatives()
    >>> m.update_state([0, 1, 0, 0], [1, 1, 0, 0])
    >>> float(m.result())
    2.0
    """

    _cell = "tn"


class FalseNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false negatives at each threshold.

    Example:
    >>> m = keras_core.metrics.FalseNegatives()
    >>> m.update_state([0, 1, 1, 1], [0, 1, 0, 0])
    >>> float(m.result())
    2.0
    """

    _cell = "fn"


class Precision(Metric):
    """``tp / (tp + fp)`` at each threshold (a scalar for a single threshold).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5; with
            ``top_k``, any of the top ``k`` scores counts as positive).
        top_k: only the top ``k`` scores of each row can be positive.
        class_id: only this class (last axis) is evaluated.
        name, dtype: see ``Metric``.

    Example:
    >>> m = keras_core.metrics.Precision()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> round(float(m.result()), 5)
    0.66667
    """

    _cells = ("tp", "fp")
    _names = ("true_positives", "false_positives")

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else NEG_INF
        if thresholds is None and top_k is not None:
            self.thresholds = [default]
        else:
            self.thresholds = parse_init_thresholds(thresholds, default_threshold=default)
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        for var_name in self._names:
            variable = self.add_variable(
                shape=(len(self.thresholds),), initializer="zeros", name=var_name
            )
            setattr(self, var_name, variable)

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {cell: getattr(self, n) for cell, n in zip(self._cells, self._names)},
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k,
            class_id=self.class_id,
            sample_weight=sample_weight,
            dtype=self.dtype,
        )

    def _ratio(self):
        tp = self.true_positives.value
        return ops.divide_no_nan(tp, ops.add(tp, self.false_positives.value))

    def result(self):
        result = self._ratio()
        return result[0] if len(self.thresholds) == 1 else result

    def get_config(self):
        config = super().get_config()
        config.update(
            {"thresholds": self.init_thresholds, "top_k": self.top_k, "class_id": self.class_id}
        )
        return config


class Recall(Precision):
    """``tp / (tp + fn)`` at each threshold (a scalar for a single threshold).

    Args: as for ``Precision``.

    Example:
    >>> m = keras_core.metrics.Recall()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> round(float(m.result()), 5)
    0.66667
    """

    _cells = ("tp", "fn")
    _names = ("true_positives", "false_negatives")

    def _ratio(self):
        tp = self.true_positives.value
        return ops.divide_no_nan(tp, ops.add(tp, self.false_negatives.value))


class SensitivitySpecificityBase(Metric):
    """Counts at ``num_thresholds`` evenly spaced thresholds in [0, 1], for the
    ``...At...`` metrics: each returns the best value of one rate among the
    thresholds where another rate meets a constraint."""

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        if (
            isinstance(num_thresholds, bool)
            or not isinstance(num_thresholds, int)
            or (num_thresholds <= 0)
        ):
            raise ValueError(
                "Argument `num_thresholds` must be an integer > 0. Received: "
                f"num_thresholds={num_thresholds!r}"
            )
        self.value = value
        self.class_id = class_id
        self.num_thresholds = num_thresholds
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + inner + [1.0]
            self._thresholds_distributed_evenly = True
        shape = (num_thresholds,)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {
                "tp": self.true_positives,
                "fp": self.false_positives,
                "tn": self.true_negatives,
                "fn": self.false_negatives,
            },
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            class_id=self.class_id,
            sample_weight=sample_weight,
            dtype=self.dtype,
        )

    def _rates(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        return {
            "sensitivity": ops.divide_no_nan(tp, ops.add(tp, fn)),
            "specificity": ops.divide_no_nan(tn, ops.add(tn, fp)),
            "precision": ops.divide_no_nan(tp, ops.add(tp, fp)),
        }

    def _find_max_under_constraint(self, constrained, dependent):
        """The largest ``dependent`` where ``constrained >= value`` (0 when none)."""
        feasible = ops.greater_equal(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, ops.zeros_like(dependent)))

    def get_config(self):
        config = super().get_config()
        config.update({"num_thresholds": self.num_thresholds, "class_id": self.class_id})
        return config


def _check_unit(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(
            f"Argument `{name}` must be in the range [0, 1]. Received: {name}={value!r}"
        )


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """The best sensitivity (recall) where the specificity is >= ``specificity``.

    Example:
    >>> m = keras_core.metrics.SensitivityAtSpecificity(0.5, num_thresholds=3)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> float(m.result())
    0.5
    """

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit(specificity, "specificity")
        self.specificity = specificity
        super().__init__(specificity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["specificity"], rates["sensitivity"])

    def get_config(self):
        config = super().get_config()
        config["specificity"] = self.specificity
        return config


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """The best specificity where the sensitivity (recall) is >= ``sensitivity``.

    Example:
    >>> m = keras_core.metrics.SpecificityAtSensitivity(0.5, num_thresholds=3)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> round(float(m.result()), 5)
    0.66667
    """

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit(sensitivity, "sensitivity")
        self.sensitivity = sensitivity
        super().__init__(sensitivity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["sensitivity"], rates["specificity"])

    def get_config(self):
        config = super().get_config()
        config["sensitivity"] = self.sensitivity
        return config


class PrecisionAtRecall(SensitivitySpecificityBase):
    """The best precision where the recall is >= ``recall``.

    Example:
    >>> m = keras_core.metrics.PrecisionAtRecall(0.5, num_thresholds=3)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> float(m.result())
    0.5
    """

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit(recall, "recall")
        self.recall = recall
        super().__init__(recall, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["sensitivity"], rates["precision"])

    def get_config(self):
        config = super().get_config()
        config["recall"] = self.recall
        return config


class RecallAtPrecision(SensitivitySpecificityBase):
    """The best recall where the precision is >= ``precision``.

    Example:
    >>> m = keras_core.metrics.RecallAtPrecision(0.8, num_thresholds=3)
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    >>> float(m.result())
    0.5
    """

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        _check_unit(precision, "precision")
        self.precision = precision
        super().__init__(precision, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["precision"], rates["sensitivity"])

    def get_config(self):
        config = super().get_config()
        config["precision"] = self.precision
        return config


class AUC(Metric):
    """Area under the ROC or precision-recall curve, from counts at thresholds.

    Args:
        num_thresholds: the number of thresholds (> 1), evenly spaced from
            just below 0 to just above 1.
        curve: ``"ROC"`` or ``"PR"``.
        summation_method: ``"interpolation"`` (trapezoids; for PR, the
            interpolation of Davis & Goadrich, 2006), ``"minoring"`` or
            ``"majoring"`` (left or right Riemann sums).
        name, dtype: see ``Metric``.
        thresholds: explicit thresholds in [0, 1] (overrides ``num_thresholds``;
            ``-epsilon`` and ``1 + epsilon`` are added).
        multi_label: one curve per label (last axis), averaged (weighted by
            ``label_weights``); else all labels are pooled.
        num_labels: the number of labels with ``multi_label`` (else found at the
            first update).
        label_weights: per-label weights.
        from_logits: apply a sigmoid to the predictions first.

    Example:
    >>> m = keras_core.metrics.AUC(num_thresholds=3)
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    >>> float(m.result())
    0.75
    """

    def __init__(
        self,
        num_thresholds=200,
        curve="ROC",
        summation_method="interpolation",
        name=None,
        dtype=None,
        thresholds=None,
        multi_label=False,
        num_labels=None,
        label_weights=None,
        from_logits=False,
    ):
        super().__init__(name=name, dtype=dtype)
        curve_name = str(curve).upper()
        if curve_name not in ("ROC", "PR"):
            raise ValueError(
                f'Invalid `curve` argument value "{curve}". Expected one of: ["ROC", "PR"]'
            )
        method = str(summation_method).lower()
        if method not in ("interpolation", "minoring", "majoring"):
            raise ValueError(
                f'Invalid `summation_method` argument value "{summation_method}". Expected one '
                'of: ["interpolation", "minoring", "majoring"]'
            )
        self.curve = curve_name
        self.summation_method = method
        eps = backend.epsilon()
        if thresholds is not None:
            inner = sorted(parse_init_thresholds(thresholds))
            self.num_thresholds = len(inner) + 2
            self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(
                [0.0] + inner + [1.0]
            )
        else:
            if (
                isinstance(num_thresholds, bool)
                or not isinstance(num_thresholds, int)
                or (num_thresholds <= 1)
            ):
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. Received: "
                    f"num_thresholds={num_thresholds!r}"
                )
            self.num_thresholds = num_thresholds
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        self._thresholds = [0.0 - eps] + inner + [1.0 + eps]
        self.multi_label = bool(multi_label)
        self.num_labels = num_labels
        self._from_logits = bool(from_logits)
        if label_weights is not None:
            self.label_weights = ops.convert_to_tensor(label_weights, dtype=self.dtype)
            self._label_weights_list = [float(x) for x in np.asarray(label_weights).ravel()]
        else:
            self.label_weights = None
            self._label_weights_list = None
        self._built = False
        if self.multi_label:
            if num_labels:
                self._build((None, num_labels))
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    "`y_pred` must have rank 2 when `multi_label=True`. Found rank "
                    f"{len(shape)}. Full shape received for `y_pred`: {shape}"
                )
            self._num_labels = int(shape[1])
            var_shape = (self.num_thresholds, self._num_labels)
        else:
            var_shape = (self.num_thresholds,)
        self.true_positives = self.add_variable(var_shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(var_shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(var_shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(var_shape, "zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            self._build(tuple(y_pred.shape))
        if self._from_logits:
            y_pred = activations.sigmoid(y_pred)
        update_confusion_matrix_variables(
            {
                "tp": self.true_positives,
                "fp": self.false_positives,
                "tn": self.true_negatives,
                "fn": self.false_negatives,
            },
            y_true,
            y_pred,
            thresholds=self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights,
            dtype=self.dtype,
        )

    def _average(self, by_label):
        if not self.multi_label:
            return ops.sum(by_label)
        by_label = ops.sum(by_label, axis=0)
        if self.label_weights is None:
            return ops.mean(by_label)
        return ops.divide_no_nan(
            ops.sum(ops.multiply(by_label, self.label_weights)), ops.sum(self.label_weights)
        )

    def interpolate_pr_auc(self):
        """PR-AUC with precision interpolated linearly in the number of positives."""
        n = self.num_thresholds
        tp = self.true_positives.value
        fp = self.false_positives.value
        fn = self.false_negatives.value
        dtp = ops.subtract(tp[: n - 1], tp[1:])
        p = ops.add(tp, fp)
        dp = ops.subtract(p[: n - 1], p[1:])
        slope = ops.divide_no_nan(dtp, ops.maximum(dp, 0.0))
        intercept = ops.subtract(tp[1:], ops.multiply(slope, p[1:]))
        both = ops.logical_and(ops.greater(p[: n - 1], 0), ops.greater(p[1:], 0))
        ratio = ops.where(
            both,
            ops.divide_no_nan(p[: n - 1], ops.maximum(p[1:], 0.0)),
            ops.ones_like(p[1:]),
        )
        increment = ops.divide_no_nan(
            ops.multiply(slope, ops.add(dtp, ops.multiply(intercept, ops.log(ratio)))),
            ops.maximum(ops.add(tp[1:], fn[1:]), 0.0),
        )
        return self._average(increment)

    def result(self):
        if self.multi_label and not self._built:
            raise ValueError("AUC has no state yet: call `update_state()` before `result()`.")
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = self.true_positives.value
        fp = self.false_positives.value
        tn = self.true_negatives.value
        fn = self.false_negatives.value
        recall = ops.divide_no_nan(tp, ops.add(tp, fn))
        if self.curve == "ROC":
            x = ops.divide_no_nan(fp, ops.add(fp, tn))
            y = recall
        else:
            x = recall
            y = ops.divide_no_nan(tp, ops.add(tp, fp))
        if self.summation_method == "interpolation":
            heights = ops.divide(ops.add(y[: n - 1], y[1:]), 2.0)
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[: n - 1], y[1:])
        else:
            heights = ops.maximum(y[: n - 1], y[1:])
        return self._average(ops.multiply(ops.subtract(x[: n - 1], x[1:]), heights))

    def reset_state(self):
        if self._built:
            for v in self.variables:
                v.assign(ops.zeros(v.shape, dtype=v._dtype))

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_thresholds": self.num_thresholds,
                "curve": self.curve,
                "summation_method": self.summation_method,
                "multi_label": self.multi_label,
                "num_labels": self.num_labels,
                "label_weights": self._label_weights_list,
                "from_logits": self._from_logits,
            }
        )
        if not self._thresholds_distributed_evenly:
            config["thresholds"] = self.thresholds[1:-1]
        return config
