"""Hinge metrics: the means of the hinge losses."""

from keras_core.losses import losses
from keras_core.metrics.reduction_metrics import MeanMetricWrapper


class Hinge(MeanMetricWrapper):
    """The mean hinge loss ({0, 1} labels are mapped to {-1, 1}).

    Example:
    >>> m = keras_core.metrics.Hinge()
    >>> m.update_state([[1.0]], [[0.5]])
    >>> float(m.result())
    0.5
    """

    def __init__(self, name="hinge", dtype=None):
        super().__init__(fn=losses.hinge, name=name, dtype=dtype)


class SquaredHinge(MeanMetricWrapper):
    """The mean squared hinge loss.

    Example:
    >>> m = keras_core.metrics.SquaredHinge()
    >>> m.update_state([[1.0]], [[0.5]])
    >>> float(m.result())
    0.25
    """

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(fn=losses.squared_hinge, name=name, dtype=dtype)


class CategoricalHinge(MeanMetricWrapper):
    """The mean categorical hinge loss.

    Example:
    >>> m = keras_core.metrics.CategoricalHinge()
    >>> m.update_state([[0.0, 1.0]], [[0.0, 1.0]])
    >>> float(m.result())
    0.0
    """

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(fn=losses.categorical_hinge, name=name, dtype=dtype)
