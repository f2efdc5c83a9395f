"""F-beta and F1 scores for multi-class / multi-label classification."""

from keras_core import backend, ops
from keras_core.metrics.metric import Metric


class FBetaScore(Metric):
    """The F-beta score, per class or averaged.

    ``(1 + beta^2) * precision * recall / (beta^2 * precision + recall)`` per
    class, from counts accumulated over all batches. Inputs are 2D
    ``(batch, num_classes)``; the state variables are created on the first update.

    Args:
        average: None (one score per class), ``"micro"`` (counts pooled over
            classes), ``"macro"`` (mean over classes) or ``"weighted"`` (mean
            weighted by each class's number of true instances).
        beta: the weight of recall (> 0).
        threshold: predictions above it are positive; None: the highest
            prediction of each row is positive.
        name, dtype: see ``Metric``.

    Example:
    >>> m = keras_core.metrics.FBetaScore(beta=2.0, threshold=0.5, average="micro")
    >>> m.update_state(np.array([[1, 0], [0, 1]]), np.array([[0.9, 0.6], [0.2, 0.8]]))
    >>> round(float(m.result()), 4)
    0.9091
    """

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(
                "Invalid `average` argument value. Expected one of: "
                f"[None, 'micro', 'macro', 'weighted']. Received: average={average!r}"
            )
        if isinstance(beta, bool) or not isinstance(beta, (int, float)) or beta <= 0.0:
            raise ValueError(
                f"Invalid `beta` argument value. It should be a float > 0. Received: beta={beta!r}"
            )
        if threshold is not None:
            if (
                isinstance(threshold, bool)
                or not isinstance(threshold, (int, float))
                or not (0.0 < threshold <= 1.0)
            ):
                raise ValueError(
                    "Invalid `threshold` argument value. It should be a float in the range "
                    f"(0, 1]. Received: threshold={threshold!r}"
                )
        self.average = average
        self.beta = float(beta)
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received "
                f"input shapes: y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}."
            )
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim), with "
                f"output_dim fully defined. Received: y_pred.shape={y_pred_shape}."
            )
        num_classes = int(y_pred_shape[-1])
        shape = () if self.average == "micro" else (num_classes,)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self.intermediate_weights = self.add_variable(
            (num_classes,), "zeros", name="intermediate_weights"
        )
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if not self._built:
            self._build(tuple(y_true.shape), tuple(y_pred.shape))
        if self.threshold is None:
            top = ops.max(y_pred, axis=-1, keepdims=True)
            # The row maximum is positive, unless the whole row is zero.
            y_pred = ops.logical_and(
                ops.greater_equal(y_pred, top), ops.greater(ops.abs(y_pred), 1e-9)
            )
        else:
            y_pred = ops.greater(y_pred, self.threshold)
        y_pred = ops.cast(y_pred, self.dtype)
        if sample_weight is not None:
            sample_weight = ops.expand_dims(
                ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1
            )

        def weighted_sum(values, axis):
            if sample_weight is not None:
                values = ops.multiply(values, sample_weight)
            return ops.sum(values, axis=axis)

        not_true = ops.subtract(1.0, y_true)
        not_pred = ops.subtract(1.0, y_pred)
        for var, values in (
            (self.true_positives, ops.multiply(y_pred, y_true)),
            (self.false_positives, ops.multiply(y_pred, not_true)),
            (self.false_negatives, ops.multiply(not_pred, y_true)),
        ):
            var.assign(ops.add(var.value, weighted_sum(values, self.axis)))
        self.intermediate_weights.assign(
            ops.add(self.intermediate_weights.value, weighted_sum(y_true, 0))
        )

    def result(self):
        if not self._built:
            raise ValueError(
                f"{type(self).__name__} has no state yet: call `update_state()` before `result()`."
            )
        eps = backend.epsilon()
        tp = self.true_positives.value
        precision = ops.divide(tp, ops.add(ops.add(tp, self.false_positives.value), eps))
        recall = ops.divide(tp, ops.add(ops.add(tp, self.false_negatives.value), eps))
        beta_sq = self.beta**2
        score = ops.divide(
            ops.multiply(precision, recall),
            ops.add(ops.add(ops.multiply(beta_sq, precision), recall), eps),
        )
        score = ops.multiply(score, 1.0 + beta_sq)
        if self.average == "weighted":
            w = self.intermediate_weights.value
            weights = ops.divide(w, ops.add(ops.sum(w), eps))
            score = ops.sum(ops.multiply(score, weights))
        elif self.average is not None:
            score = ops.mean(score)
        return score

    def reset_state(self):
        for v in self.variables:
            v.assign(ops.zeros(v.shape, dtype=v._dtype))

    def get_config(self):
        config = super().get_config()
        config.update({"average": self.average, "beta": self.beta, "threshold": self.threshold})
        return config


class F1Score(FBetaScore):
    """The F1 score: ``FBetaScore`` with ``beta=1``.

    Example:
    >>> m = keras_core.metrics.F1Score(threshold=0.5, average="micro")
    >>> m.update_state(np.array([[1, 0], [0, 1]]), np.array([[0.9, 0.6], [0.2, 0.8]]))
    >>> round(float(m.result()), 4)
    0.8
    """

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config.pop("beta")
        return config
