"""Intersection-over-union metrics for segmentation and classification.

The state is a ``(num_classes, num_classes)`` confusion matrix (rows: true
class, columns: predicted class); the IoU of class ``c`` is
``cm[c, c] / (row_sum[c] + col_sum[c] - cm[c, c])`` and the result is the mean
over the target classes that occurred (a zero denominator is left out).
"""

from keras_core import ops
from keras_core.metrics.metric import Metric


def confusion_matrix(labels, predictions, num_classes, weights=None, dtype="float32"):
    """The weighted ``(num_classes, num_classes)`` confusion matrix of int vectors.

    Entries whose label or prediction lies outside ``[0, num_classes)`` are dropped.
    """
    labels = ops.cast(labels, "int32")
    predictions = ops.cast(predictions, "int32")
    valid = ops.logical_and(
        ops.logical_and(ops.greater_equal(labels, 0), ops.less(labels, num_classes)),
        ops.logical_and(ops.greater_equal(predictions, 0), ops.less(predictions, num_classes)),
    )
    if weights is None:
        weights = ops.ones_like(labels, dtype=dtype)
    weights = ops.where(valid, ops.cast(weights, dtype), ops.zeros_like(weights, dtype=dtype))
    index = ops.add(
        ops.multiply(ops.clip(labels, 0, num_classes - 1), num_classes),
        ops.clip(predictions, 0, num_classes - 1),
    )
    flat = ops.segment_sum(weights, index, num_segments=num_classes * num_classes)
    return ops.reshape(flat, (num_classes, num_classes))


class _IoUBase(Metric):
    def __init__(
        self,
        num_classes,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(name=name, dtype=dtype or "float32")
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(
                f"`num_classes` must be a positive integer. Received: num_classes={num_classes!r}"
            )
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(
            shape=(num_classes, num_classes), initializer="zeros", name="total_confusion_matrix"
        )

    def _prepare(self, y_true, y_pred):
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        return ops.convert_to_tensor(y_true), ops.convert_to_tensor(y_pred)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = self._prepare(y_true, y_pred)
        entry_rank, entry_shape = len(y_true.shape), ops.shape(y_true)
        y_true = ops.reshape(ops.cast(y_true, "int32"), (-1,))
        y_pred = ops.reshape(ops.cast(y_pred, "int32"), (-1,))
        if sample_weight is None:
            weights = ops.ones_like(y_true, dtype=self.dtype)
        else:
            weights = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
            if 0 < len(weights.shape) < entry_rank:
                # A per-sample weight covers every entry of its sample.
                while len(weights.shape) < entry_rank:
                    weights = ops.expand_dims(weights, -1)
                weights = ops.broadcast_to(weights, entry_shape)
            weights = ops.broadcast_to(ops.reshape(weights, (-1,)), ops.shape(y_true))
        if self.ignore_class is not None:
            valid = ops.not_equal(y_true, self.ignore_class)
            weights = ops.multiply(weights, ops.cast(valid, self.dtype))
        cm = confusion_matrix(y_true, y_pred, self.num_classes, weights=weights, dtype=self.dtype)
        self.total_cm.assign(ops.add(self.total_cm.value, cm))

    def result(self):
        cm = self.total_cm.value
        predicted = ops.sum(cm, axis=0)
        actual = ops.sum(cm, axis=1)
        tp = ops.diagonal(cm)
        denominator = ops.subtract(ops.add(predicted, actual), tp)
        ids = ops.convert_to_tensor(list(self.target_class_ids), dtype="int32")
        tp = ops.take(tp, ids, axis=0)
        denominator = ops.take(denominator, ids, axis=0)
        num_valid = ops.sum(ops.cast(ops.greater(denominator, 1e-9), self.dtype))
        iou = ops.divide_no_nan(tp, denominator)
        return ops.divide_no_nan(ops.sum(iou), num_valid)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "num_classes": self.num_classes,
                "ignore_class": self.ignore_class,
                "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis,
            }
        )
        return config


def _check_targets(target_class_ids, num_classes):
    ids = list(target_class_ids)
    if not ids:
        raise ValueError("`target_class_ids` must not be empty.")
    if max(ids) >= num_classes or min(ids) < 0:
        raise ValueError(
            f"Target class id {max(ids) if max(ids) >= num_classes else min(ids)} is out of "
            f"range, which is [0, {num_classes})."
        )
    return ids


class IoU(_IoUBase):
    """The mean IoU over ``target_class_ids``.

    Args:
        num_classes: the number of classes.
        target_class_ids: the classes whose IoU is averaged.
        name, dtype: see ``Metric``.
        ignore_class: a label value whose entries are not counted.
        sparse_y_true: labels are class ids (else one-hot/probabilities along ``axis``).
        sparse_y_pred: predictions are class ids (else scores along ``axis``).
        axis: the class axis for non-sparse inputs.

    Example:
    >>> m = keras_core.metrics.IoU(num_classes=2, target_class_ids=[0])
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> round(float(m.result()), 5)
    0.33333
    """

    def __init__(
        self,
        num_classes,
        target_class_ids,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(
            num_classes,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )
        self.target_class_ids = _check_targets(target_class_ids, num_classes)

    def get_config(self):
        config = super().get_config()
        config["target_class_ids"] = self.target_class_ids
        return config


class BinaryIoU(IoU):
    """IoU for binary predictions: ``y_pred >= threshold`` is class 1.

    Example:
    >>> m = keras_core.metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.3)
    >>> m.update_state([0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7])
    >>> round(float(m.result()), 5)
    0.33333
    """

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_pred = ops.cast(ops.greater_equal(y_pred, self.threshold), "int32")
        y_true = ops.cast(ops.convert_to_tensor(y_true, dtype=self.dtype), "int32")
        return super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {
            "target_class_ids": self.target_class_ids,
            "threshold": self.threshold,
            "name": self.name,
            "dtype": self.dtype,
        }


class MeanIoU(IoU):
    """The IoU averaged over all ``num_classes`` classes.

    Example:
    >>> m = keras_core.metrics.MeanIoU(num_classes=2)
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> round(float(m.result()), 5)
    0.33333
    """

    def __init__(
        self,
        num_classes,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_true=True,
        sparse_y_pred=True,
        axis=-1,
    ):
        super().__init__(
            num_classes,
            target_class_ids=list(range(num_classes)) if isinstance(num_classes, int) else [0],
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self):
        config = super().get_config()
        config.pop("target_class_ids")
        return config


class OneHotIoU(IoU):
    """IoU with one-hot labels (and, by default, score predictions).

    Example:
    >>> m = keras_core.metrics.OneHotIoU(num_classes=2, target_class_ids=[0])
    >>> m.update_state([[1, 0], [0, 1]], [[0.9, 0.1], [0.6, 0.4]])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self,
        num_classes,
        target_class_ids,
        name=None,
        dtype=None,
        ignore_class=None,
        sparse_y_pred=False,
        axis=-1,
    ):
        super().__init__(
            num_classes,
            target_class_ids,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self):
        config = super().get_config()
        config.pop("sparse_y_true")
        return config


class OneHotMeanIoU(MeanIoU):
    """Mean IoU with one-hot labels (and, by default, score predictions).

    Example:
    >>> m = keras_core.metrics.OneHotMeanIoU(num_classes=2)
    >>> m.update_state([[1, 0], [0, 1]], [[0.9, 0.1], [0.6, 0.4]])
    >>> float(m.result())
    0.25
    """

    def __init__(
        self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False, axis=-1
    ):
        super().__init__(
            num_classes,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self):
        config = super().get_config()
        config.pop("sparse_y_true")
        return config
