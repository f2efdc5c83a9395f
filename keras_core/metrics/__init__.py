"""keras_core.metrics: metric classes and functions, ``get``/``serialize``/``deserialize``."""

from keras_core.losses.losses import (
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    hinge,
    huber,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from keras_core.metrics.accuracy_metrics import (
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    accuracy,
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from keras_core.metrics.confusion_metrics import (
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    PrecisionAtRecall,
    Recall,
    RecallAtPrecision,
    SensitivityAtSpecificity,
    SpecificityAtSensitivity,
    TrueNegatives,
    TruePositives,
)
from keras_core.metrics.f_score_metrics import F1Score, FBetaScore
from keras_core.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from keras_core.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from keras_core.metrics.metric import Metric
from keras_core.metrics.probabilistic_metrics import (
    BinaryCrossentropy,
    CategoricalCrossentropy,
    KLDivergence,
    Poisson,
    SparseCategoricalCrossentropy,
)
from keras_core.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from keras_core.metrics.regression_metrics import (
    CosineSimilarity,
    LogCoshError,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    R2Score,
    RootMeanSquaredError,
)
from keras_core.saving import object_registration, serialization_lib

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
bce = BCE = binary_crossentropy


def _all_objects():
    out = {}
    for name, obj in globals().items():
        if name.startswith("_") or name in ("get", "serialize", "deserialize"):
            continue
        if isinstance(obj, type) and issubclass(obj, Metric):
            out[name] = obj
        elif callable(obj) and getattr(obj, "__module__", "").startswith("keras_core."):
            if not isinstance(obj, type):
                out[name] = obj
    return out


def serialize(metric):
    """Returns the config of a Metric instance or a metric function.

    Example:
    >>> keras_core.metrics.serialize(keras_core.metrics.Mean())["class_name"]
    'Mean'
    """
    return serialization_lib.serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    """Rebuilds a metric from a config dict, or looks up a name.

    Example:
    >>> cfg = keras_core.metrics.serialize(keras_core.metrics.AUC(num_thresholds=10))
    >>> keras_core.metrics.deserialize(cfg).num_thresholds
    10
    """
    table = _all_objects()
    if isinstance(config, str):
        obj = object_registration.get_registered_object(config, custom_objects) or table.get(config)
        if obj is None:
            raise ValueError(f"Unknown metric: {config!r}.")
        return obj
    if isinstance(config, dict) and config.get("class_name") == "function":
        name = config.get("config")
        registered = object_registration.get_registered_object(
            config.get("registered_name") or name, custom_objects
        )
        if registered is None and isinstance(name, str) and name in table:
            return table[name]
    if (
        isinstance(config, dict)
        and config.get("class_name") in table
        and (
            object_registration.get_registered_object(
                config.get("registered_name") or config["class_name"], custom_objects
            )
            is None
        )
    ):
        target = table[config["class_name"]]
        if isinstance(target, type):
            with object_registration.CustomObjectScope(custom_objects or {}):
                return target.from_config(config.get("config") or {})
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """A metric from a name, a config dict, a Metric or a callable (None passes through).

    A class name gives a new instance; a function name gives the function.

    Example:
    >>> type(keras_core.metrics.get("AUC")).__name__
    'AUC'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = object_registration.get_registered_object(identifier) or _all_objects().get(
            identifier
        )
        if obj is None:
            raise ValueError(f"Could not interpret metric identifier: {identifier!r}")
    else:
        obj = identifier
    if isinstance(obj, type):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}")
